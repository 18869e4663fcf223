#!/usr/bin/env python3
# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Times pyo 1.1.0 on one of rpyo's benchmark scenarios (the same patches as
# benches/support/scenarios.rs), rendering offline to a 32-bit float WAV as
# pyo's offline server does, and prints one JSON line. Used by compare.py.
#     PYO_GUI_WX=0 python benches/pyo_bench.py sines100
import json
import os
import sys
import time

os.environ.setdefault("PYO_GUI_WX", "0")

SCENARIOS = {"sines100": 60.0, "voices8": 60.0, "sines1000": 10.0, "sines100_mix": 60.0}


def main():
    name = sys.argv[1]
    dur = SCENARIOS[name]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.environ.get("TMPDIR", "/tmp"), "pyo_bench_out.wav")
    import pyo
    s = pyo.Server(audio="offline", sr=44100, nchnls=2, buffersize=256, duplex=0, verbosity=1)
    s.deactivateMidi()
    s.boot()
    s.recordOptions(dur=dur, filename=out, fileformat=0, sampletype=3)
    keep = []
    if name in ("sines100", "sines1000", "sines100_mix"):
        n = 1000 if name == "sines1000" else 100
        freqs = [100 + 10 * i for i in range(n)] if n == 100 else [100 + 1.7 * i for i in range(n)]
        a = pyo.Sine(freq=freqs, mul=1.0 / n)
        keep.append(a)
        if name == "sines100_mix":
            keep.append(pyo.Mix(a, voices=2).out())
        else:
            a.out()
    elif name == "voices8":
        a = pyo.Sine(freq=[110 * (i + 1) * 1.01 for i in range(8)], mul=0.1)
        b = pyo.ButLP(a, freq=2000)
        c = pyo.Freeverb(b, size=0.8, damp=0.5, bal=0.5).out()
        keep += [a, b, c]
    t0 = time.perf_counter()
    c0 = time.process_time()
    s.start()  # renders the whole file before returning
    render = time.perf_counter() - t0
    cpu = time.process_time() - c0
    audio = -(-int(dur * 44100) // 256) * 256 / 44100.0
    print(json.dumps({"scenario": name, "render_wall_s": round(render, 4), "render_cpu_s": round(cpu, 4),
                      "audio_s": round(audio, 3)}))


if __name__ == "__main__":
    main()
