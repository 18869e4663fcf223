#!/usr/bin/env python3
# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Times pyo 1.1.0 and rpyo on the same scenarios in one run and prints the
# ratio of their throughputs. Each side renders the scenario to a 32-bit
# float WAV; the CPU time of the rendering is compared (the process's own,
# so that other processes' load counts against neither); runs alternate
# (pyo, rpyo, pyo, rpyo, ...) and the best of `--runs` is kept for each.
#
#     python3 benches/compare.py [--runs N] [scenario ...]
#
# Needs pyo 1.1.0: PYO_PYTHON (default /tmp/pyo-venv/bin/python, made by
# ../shared/oracle/setup.sh or `python3 -m venv V && V/bin/pip install pyo==1.1.0`).
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT = ["sines100", "voices8", "sines1000"]


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYO_GUI_WX="0"))
    if r.returncode != 0:
        raise SystemExit("%s failed:\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv):
    runs = 5
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    names = argv or DEFAULT
    python = os.environ.get("PYO_PYTHON", "/tmp/pyo-venv/bin/python")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "bench_scenario"], cwd=ROOT, check=True)
    rpyo = os.path.join(ROOT, "target", "release", "examples", "bench_scenario")
    print("%-13s %8s %10s %10s %8s" % ("scenario", "audio s", "pyo cpu s", "rpyo cpu s", "ratio"))
    worst = None
    for name in names:
        best = {"pyo": float("inf"), "rpyo": float("inf")}
        audio = 0.0
        for _ in range(runs):
            p = run([python, os.path.join(HERE, "pyo_bench.py"), name])
            r = run([rpyo, name])
            best["pyo"] = min(best["pyo"], p["render_cpu_s"])
            best["rpyo"] = min(best["rpyo"], r["render_cpu_s"])
            audio = p["audio_s"]
        ratio = best["pyo"] / best["rpyo"]
        worst = ratio if worst is None else min(worst, ratio)
        print("%-13s %8.1f %10.4f %10.4f %7.2fx" % (name, audio, best["pyo"], best["rpyo"], ratio))
    print("slowest ratio: %.2fx (rpyo throughput / pyo throughput, best of %d runs each)" % (worst, runs))


if __name__ == "__main__":
    main(sys.argv[1:])
