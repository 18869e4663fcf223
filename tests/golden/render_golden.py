#!/usr/bin/env python3
# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Renders rpyo's golden reference files with the real pyo 1.1.0 (Python DSP
# library, single-precision build), so that rpyo's output can be compared with
# pyo's sample for sample.  Written from pyo's documented Python API only.
#
# How to run (pyo 1.1.0 + numpy in a virtualenv, no audio device needed):
#     python3 -m venv /tmp/pyo-venv && /tmp/pyo-venv/bin/pip install pyo==1.1.0 numpy
#     PYO_GUI_WX=0 /tmp/pyo-venv/bin/python tests/golden/render_golden.py            # all cases
#     PYO_GUI_WX=0 /tmp/pyo-venv/bin/python tests/golden/render_golden.py sine_basic # some cases
#     PYO_GUI_WX=0 /tmp/pyo-venv/bin/python tests/golden/render_golden.py --list
#
# The cases of each family of objects live in tests/golden/cases_<family>.py
# (imported below); their docstrings say what each patch is.
#
# Every case: sr 44100, buffer size 256, 2 channels, pyo's "manual" server
# (Server(audio='manual'), one s.process() per block).  After each block the
# interleaved float32 output buffer (s.getOutputAddr()) is copied.  The file
# holds ceil(dur*44100/256) whole blocks as a 32-bit float stereo WAV next to
# this script: tests/golden/<case>.wav.  See cases.md for what each patch is.
#
# Timed events: an event "at block k" is run from the server's process
# callback (s.setCallback) at the start of block k, before any object of
# block k runs.  Object changes made there show in block k itself; the master
# amplitude (s.setAmp) is read before the callback, so it shows from block k+1.
#
# Each case runs in its own Python process: pyo keeps process-wide counters
# (e.g. how many Noise objects were made, which affects their seeding).
import ctypes
import math
import os
import struct
import subprocess
import sys

SR = 44100
BS = 256
NCHNLS = 2
HERE = os.path.dirname(os.path.abspath(__file__))


def block_of(t):
    """Index of the block at whose start an event at t seconds happens."""
    return int(round(t * SR / BS))


# ---------------------------------------------------------------- cases ----
# A case builder gets (server, pyo module, events) and returns the objects to
# keep alive.  events maps block index -> list of functions.  A builder may
# also return (objects, feed) where feed(block) gives the interleaved input
# samples (BS*NCHNLS floats) for that block.

CASES = {}


def golden(name, dur=1.0, seed=None, duplex=0, pyo64=False):
    """pyo64=True renders with pyo's double-precision build (`import pyo64`)
    for objects whose single-precision build is broken; its input buffer
    holds doubles, fed with the f32 values rpyo's tests feed."""
    def register(fn):
        CASES[name] = {"build": fn, "dur": dur, "seed": seed, "duplex": duplex,
                       "pyo64": pyo64, "doc": (fn.__doc__ or "").strip()}
        return fn
    return register


def at(events, t, fn):
    events.setdefault(block_of(t), []).append(fn)


@golden("sine_basic")
def sine_basic(s, pyo, events):
    """Sine(440, mul=0.5).out(): left channel only."""
    return [pyo.Sine(440, mul=0.5).out()]


@golden("sine_freqs_phases")
def sine_freqs_phases(s, pyo, events):
    """Sine(freq=[220, 1000.5], phase=[0, 0.25], mul=0.3, add=0.1).out(): stream 0 left, 1 right."""
    return [pyo.Sine(freq=[220, 1000.5], phase=[0, 0.25], mul=0.3, add=0.1).out()]


@golden("sine_high_negmul")
def sine_high_negmul(s, pyo, events):
    """Sine(freq=[11025, 19000.7], phase=[0.5, 0.75], mul=[0.2, -0.4], add=[0, -0.05]).out()."""
    return [pyo.Sine(freq=[11025, 19000.7], phase=[0.5, 0.75],
                     mul=[0.2, -0.4], add=[0, -0.05]).out()]


@golden("sine_setters")
def sine_setters(s, pyo, events):
    """a = Sine(300, mul=0.5).out(); b = Sine(300, mul=0.5).out(1);
    at 0.5 s (block 86): a.setFreq(600), a.setMul(0.2), then b.setPhase(0.5)."""
    a = pyo.Sine(300, mul=0.5).out()
    b = pyo.Sine(300, mul=0.5).out(1)

    def change_a():
        a.setFreq(600)
        a.setMul(0.2)
    at(events, 0.5, change_a)
    at(events, 0.5, lambda: b.setPhase(0.5))
    return [a, b]


@golden("out_chnl1")
def out_chnl1(s, pyo, events):
    """Sine(440, mul=0.5).out(chnl=1); Sine(220, mul=0.3).out(chnl=3) (3 % 2 = 1): both right."""
    return [pyo.Sine(440, mul=0.5).out(chnl=1), pyo.Sine(220, mul=0.3).out(chnl=3)]


@golden("out_inc")
def out_inc(s, pyo, events):
    """Sine([220, 330, 440], mul=0.2).out(chnl=1, inc=1): streams to channels 1, 0, 1."""
    return [pyo.Sine([220, 330, 440], mul=0.2).out(chnl=1, inc=1)]


@golden("play_dur_delay", dur=1.5)
def play_dur_delay(s, pyo, events):
    """a = Sine(440, mul=0.5).out(dur=0.5, delay=0.25);
    f = Fader(fadein=0.05, fadeout=0.05, mul=0.5).play(dur=0.5, delay=0.25);
    b = Sine(660, mul=f).out(1)."""
    a = pyo.Sine(440, mul=0.5).out(dur=0.5, delay=0.25)
    f = pyo.Fader(fadein=0.05, fadeout=0.05, mul=0.5).play(dur=0.5, delay=0.25)
    b = pyo.Sine(660, mul=f).out(1)
    return [a, f, b]


@golden("global_dur_del", dur=1.5)
def global_dur_del(s, pyo, events):
    """s.setGlobalDel(0.25); s.setGlobalDur(0.5); a = Sine(440, mul=0.5).out();
    b = Sine(660, mul=0.5).out(1); s.setGlobalDel(0); s.setGlobalDur(0)."""
    s.setGlobalDel(0.25)
    s.setGlobalDur(0.5)
    a = pyo.Sine(440, mul=0.5).out()
    b = pyo.Sine(660, mul=0.5).out(1)
    s.setGlobalDel(0)
    s.setGlobalDur(0)
    return [a, b]


@golden("server_amp")
def server_amp(s, pyo, events):
    """s.setAmp(0.5) before start; Sine(440, mul=0.8).out(); Sine(660, mul=0.8).out(1);
    s.setAmp(0.25) from the callback of block 86 (0.5 s): the new ramp shows from block 87."""
    s.setAmp(0.5)
    a = pyo.Sine(440, mul=0.8).out()
    b = pyo.Sine(660, mul=0.8).out(1)
    at(events, 0.5, lambda: s.setAmp(0.25))
    return [a, b]


@golden("noise_seed", seed=1234)
def noise_seed(s, pyo, events):
    """s.setGlobalSeed(1234); n1 = Noise(mul=0.3).out(); n2 = Noise(mul=0.3);
    n2.setType(1); n2.out(1)."""
    n1 = pyo.Noise(mul=0.3).out()
    n2 = pyo.Noise(mul=0.3)
    n2.setType(1)
    n2.out(1)
    return [n1, n2]


@golden("input_fed", duplex=1)
def input_fed(s, pyo, events):
    """duplex=1; input ch0[n] = f32(0.5*sin(2*pi*330*n/44100)) (f64 maths), ch1[n] = f32((n % 1000)/1000);
    Input(chnl=[0, 1], mul=[1, 0.5]).out()."""
    i = pyo.Input(chnl=[0, 1], mul=[1, 0.5]).out()

    def feed(block):
        vals = []
        for k in range(BS):
            n = block * BS + k
            vals.append(0.5 * math.sin(2 * math.pi * 330 * n / SR))
            vals.append((n % 1000) / 1000.0)
        return vals
    return [i], feed


@golden("fader", dur=1.5)
def fader(s, pyo, events):
    """f1 = Fader(fadein=0.2, fadeout=0.3, dur=0, mul=0.5).play();
    f2 = Fader(fadein=0.1, fadeout=0.2, dur=0.8, mul=0.5).play();
    Sine(440, mul=f1).out(); Sine(660, mul=f2).out(1); f1.stop() at 1.0 s (block 172)."""
    f1 = pyo.Fader(fadein=0.2, fadeout=0.3, dur=0, mul=0.5).play()
    f2 = pyo.Fader(fadein=0.1, fadeout=0.2, dur=0.8, mul=0.5).play()
    a = pyo.Sine(440, mul=f1).out()
    b = pyo.Sine(660, mul=f2).out(1)
    at(events, 1.0, lambda: f1.stop())
    return [f1, f2, a, b]


@golden("fader_replay", dur=1.5)
def fader_replay(s, pyo, events):
    """f = Fader(fadein=0.1, fadeout=0.1, mul=0.5).play(); Sine(440, mul=f).out();
    f.stop() at 0.4 s (block 69); f.play() at 0.7 s (block 121)."""
    f = pyo.Fader(fadein=0.1, fadeout=0.1, mul=0.5).play()
    a = pyo.Sine(440, mul=f).out()
    at(events, 0.4, lambda: f.stop())
    at(events, 0.7, lambda: f.play())
    return [f, a]


# Families of objects keep their cases in cases_<family>.py beside this
# script; each does `from render_golden import golden, at, SR, BS` and
# registers its cases with @golden like the ones above.
sys.modules.setdefault("render_golden", sys.modules[__name__])
sys.path.insert(0, HERE)
for _file in sorted(os.listdir(HERE)):
    if _file.startswith("cases_") and _file.endswith(".py"):
        __import__(_file[:-3])


# --------------------------------------------------------------- driver ----

def write_float_wav(path, samples, nchnls, sr):
    """samples: bytes of little-endian float32, interleaved."""
    assert sys.byteorder == "little"
    frames = len(samples) // (4 * nchnls)
    fmt = struct.pack("<HHIIHH", 3, nchnls, sr, sr * nchnls * 4, nchnls * 4, 32)
    chunks = (b"fmt " + struct.pack("<I", len(fmt)) + fmt
              + b"fact" + struct.pack("<II", 4, frames)
              + b"data" + struct.pack("<I", len(samples)) + samples)
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)


def midi_count_offset(s):
    """Byte offset of the server's count of pending MIDI events in pyo's C
    Server struct, found by watching it go 0 -> 1 -> 2 as two harmless clock
    messages are added (and then set back to 0).

    pyo's manual backend never resets that count after a block, so an event
    added with addMidiEvent would be delivered again on every later block;
    its real-time and embedded backends reset it after each block, and so
    does this script, from the callback at the start of every block."""
    base = int(s.getServerAddr(), 16)
    n = 0x2000 // 4
    arr = (ctypes.c_int32 * n).from_address(base)
    before = list(arr)
    s._server.addMidiEvent(0xF8, 0, 0)
    once = list(arr)
    s._server.addMidiEvent(0xF8, 0, 0)
    twice = list(arr)
    hits = [i for i in range(n) if before[i] == 0 and once[i] == 1 and twice[i] == 2]
    if len(hits) != 1:
        raise SystemExit("could not find pyo's MIDI event count: %r" % hits)
    arr[hits[0]] = 0
    return base + hits[0] * 4


def render_case(name, path):
    os.environ.setdefault("PYO_GUI_WX", "0")
    c = CASES[name]
    if c["pyo64"]:
        import pyo64 as pyo
    else:
        import pyo
    s = pyo.Server(sr=SR, nchnls=NCHNLS, buffersize=BS, duplex=c["duplex"],
                   audio="manual", verbosity=1)
    s.deactivateMidi()
    s.boot()
    if c["seed"] is not None:
        s.setGlobalSeed(c["seed"])
    events = {}
    built = c["build"](s, pyo, events)
    feed = None
    if isinstance(built, tuple):
        built, feed = built
    nblocks = int(math.ceil(c["dur"] * SR / BS))

    state = {"block": 0, "errors": []}
    midi_count = midi_count_offset(s)

    def at_block_start():
        b = state["block"]
        ctypes.c_int32.from_address(midi_count).value = 0
        try:
            for fn in events.get(b, []):
                fn()
        except Exception as e:  # pyo only prints callback exceptions
            state["errors"].append((b, repr(e)))
        state["block"] = b + 1

    s.setCallback(at_block_start)
    n = BS * NCHNLS
    out_buf = (ctypes.c_float * n).from_address(int(s.getOutputAddr(), 16))
    in_type = ctypes.c_double if c["pyo64"] else ctypes.c_float
    in_buf = (in_type * n).from_address(int(s.getInputAddr(), 16))
    s.start()
    data = bytearray()
    for b in range(nblocks):
        if feed is not None:
            vals = feed(b)
            if c["pyo64"]:  # the f32 values rpyo's input buffer holds
                vals = struct.unpack("<%df" % n, struct.pack("<%df" % n, *vals))
            in_buf[:] = vals
        s.process()
        data += bytes(out_buf)
    s.stop()
    if state["errors"]:
        raise SystemExit("%s: event failed: %r" % (name, state["errors"][:3]))
    write_float_wav(path, bytes(data), NCHNLS, SR)
    del built


def main(argv):
    if argv[:1] == ["--list"]:
        for k, c in CASES.items():
            print("%-18s %.1f s  %s" % (k, c["dur"], " ".join(c["doc"].split())))
        return 0
    if argv[:1] == ["--one"]:  # internal: one case in this process
        render_case(argv[1], argv[2])
        return 0
    names = argv or list(CASES)
    bad = [k for k in names if k not in CASES]
    if bad:
        print("unknown case(s): %s; known: %s" % (" ".join(bad), " ".join(CASES)))
        return 2
    failed = 0
    for k in names:
        path = os.path.join(HERE, k + ".wav")
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", k, path],
                           capture_output=True, text=True)
        print("%s %s" % ("ok  " if r.returncode == 0 else "FAIL", k))
        if r.returncode != 0:
            failed += 1
            sys.stderr.write(r.stdout[-2000:] + r.stderr[-2000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
