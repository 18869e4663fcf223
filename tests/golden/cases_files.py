# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the sound file objects (SndTable, SfPlayer).  Each case
# first writes its small sound files, deterministically, into a temporary
# directory; tests/golden_files.rs writes byte-identical files before
# rendering the same patch with rpyo:
#   sin16.wav   mono 16-bit WAV 44100 Hz, 4000 frames, int(20000 sin(0.05 i) + 8000 sin(0.31 i))
#   st16.wav    stereo 16-bit WAV 22050 Hz, 3000 frames, L as sin16, R int(15000 sin(0.11 i))
#   fl32.wav    mono float WAV 48000 Hz, 3000 frames, f32(0.6 sin(0.07 i) + 0.2 sin(0.5 i))
#   aif16.aif   mono 16-bit AIFF 44100 Hz, 3000 frames, data as sin16
# pyo 1.1.0's bundled libsndfile reads neither FLAC nor Ogg Vorbis: those are
# tested in tests/golden_files.rs against the same data as a WAV.
import math
import os
import struct
import tempfile
import wave

from render_golden import golden, at, BS, NCHNLS

DIR = os.path.join(tempfile.gettempdir(), "rpyo_golden_files")


def sin16(i):
    return int(20000 * math.sin(i * 0.05) + 8000 * math.sin(i * 0.31))


def right16(i):
    return int(15000 * math.sin(i * 0.11))


def fl32(i):
    return 0.6 * math.sin(i * 0.07) + 0.2 * math.sin(i * 0.5)


def write_wav16(path, chans, n, sr):
    w = wave.open(path, "wb")
    w.setnchannels(len(chans))
    w.setsampwidth(2)
    w.setframerate(sr)
    w.writeframes(b"".join(struct.pack("<%dh" % len(chans), *[f(i) for f in chans]) for i in range(n)))
    w.close()


def write_wav_float(path, f, n, sr):
    data = b"".join(struct.pack("<f", f(i)) for i in range(n))
    fmt = struct.pack("<HHIIHH", 3, 1, sr, sr * 4, 4, 32)
    chunks = (b"fmt " + struct.pack("<I", len(fmt)) + fmt
              + b"fact" + struct.pack("<II", 4, n)
              + b"data" + struct.pack("<I", len(data)) + data)
    with open(path, "wb") as fh:
        fh.write(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)


def ext80(x):
    """An integer sampling rate as an 80-bit IEEE extended float (AIFF)."""
    e = x.bit_length() - 1
    return struct.pack(">HQ", 16383 + e, x << (63 - e))


def write_aiff16(path, f, n, sr):
    comm = struct.pack(">hIh", 1, n, 16) + ext80(sr)
    data = b"".join(struct.pack(">h", f(i)) for i in range(n))
    ssnd = struct.pack(">II", 0, 0) + data
    body = (b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm
            + b"SSND" + struct.pack(">I", len(ssnd)) + ssnd)
    with open(path, "wb") as fh:
        fh.write(b"FORM" + struct.pack(">I", len(body)) + body)


def make_files():
    os.makedirs(DIR, exist_ok=True)
    write_wav16(os.path.join(DIR, "sin16.wav"), [sin16], 4000, 44100)
    write_wav16(os.path.join(DIR, "st16.wav"), [sin16, right16], 3000, 22050)
    write_wav_float(os.path.join(DIR, "fl32.wav"), fl32, 3000, 48000)
    write_aiff16(os.path.join(DIR, "aif16.aif"), sin16, 3000, 44100)
    return {k: os.path.join(DIR, k) for k in os.listdir(DIR)}


@golden("sndtable_points", dur=0.2, duplex=1)
def sndtable_points(s, pyo, events):
    """Files as in cases_files.py. Left input: the points of SndTable(st16.wav, chnl=1, start=0.01,
    stop=0.05) then SndTable(fl32.wav); right input: SndTable(aif16.aif, start=0.001) then
    SndTable(sin16.wav, stop=0.02); Input([0, 1]).out() plays them (the points checked through the input)."""
    f = make_files()
    a = pyo.SndTable(f["st16.wav"], chnl=1, start=0.01, stop=0.05).getTable()
    b = pyo.SndTable(f["fl32.wav"]).getTable()
    c = pyo.SndTable(f["aif16.aif"], start=0.001).getTable()
    d = pyo.SndTable(f["sin16.wav"], stop=0.02).getTable()
    left, right = a + b, c + d
    i = pyo.Input(chnl=[0, 1]).out()

    def feed(block):
        vals = []
        for k in range(BS):
            n = block * BS + k
            vals.append(left[n] if n < len(left) else 0.0)
            vals.append(right[n] if n < len(right) else 0.0)
        return vals
    return [i], feed


@golden("sfplayer_basic", dur=0.5)
def sfplayer_basic(s, pyo, events):
    """SfPlayer(sin16.wav).out(); SfPlayer(sin16.wav, speed=0.7, interp=3, mul=0.5).out(1)."""
    f = make_files()
    a = pyo.SfPlayer(f["sin16.wav"]).out()
    b = pyo.SfPlayer(f["sin16.wav"], speed=0.7, interp=3, mul=0.5).out(1)
    return [a, b]


@golden("sfplayer_loop", dur=0.5)
def sfplayer_loop(s, pyo, events):
    """SfPlayer(sin16.wav, speed=1.3, loop=True, offset=0.01).out();
    SfPlayer(fl32.wav, speed=0.9, loop=True, interp=4).out(1)."""
    f = make_files()
    a = pyo.SfPlayer(f["sin16.wav"], speed=1.3, loop=True, offset=0.01).out()
    b = pyo.SfPlayer(f["fl32.wav"], speed=0.9, loop=True, interp=4).out(1)
    return [a, b]


@golden("sfplayer_list", dur=0.5)
def sfplayer_list(s, pyo, events):
    """SfPlayer(sin16.wav, speed=[0.5, 1.5], loop=True, mul=0.5).out(): stream 0 left, stream 1 right."""
    f = make_files()
    return [pyo.SfPlayer(f["sin16.wav"], speed=[0.5, 1.5], loop=True, mul=0.5).out()]


@golden("sfplayer_audio_speed", dur=0.5)
def sfplayer_audio_speed(s, pyo, events):
    """m = Sine(30, mul=0.3, add=1); SfPlayer(sin16.wav, speed=m, loop=True).out()
    (an audio-rate speed is read at the first sample of each block)."""
    f = make_files()
    m = pyo.Sine(30, mul=0.3, add=1)
    return [m, pyo.SfPlayer(f["sin16.wav"], speed=m, loop=True).out()]


@golden("sfplayer_stereo", dur=0.5)
def sfplayer_stereo(s, pyo, events):
    """a = SfPlayer(st16.wav, speed=1.1, loop=True, mul=0.8).out() (22050 Hz stereo: channel 0 left,
    1 right); a.setSpeed(0.6) at 0.25 s (block 43)."""
    f = make_files()
    a = pyo.SfPlayer(f["st16.wav"], speed=1.1, loop=True, mul=0.8).out()
    at(events, 0.25, lambda: a.setSpeed(0.6))
    return [a]


@golden("sfplayer_formats", dur=0.5)
def sfplayer_formats(s, pyo, events):
    """a = SfPlayer(aif16.aif, speed=0.8, interp=1).out(), a.setLoop(True) at 0.05 s (block 9);
    SfPlayer(fl32.wav, speed=1.2, loop=True).out(1) (48 kHz float WAV)."""
    f = make_files()
    a = pyo.SfPlayer(f["aif16.aif"], speed=0.8, interp=1).out()
    b = pyo.SfPlayer(f["fl32.wav"], speed=1.2, loop=True).out(1)
    at(events, 0.05, lambda: a.setLoop(True))
    return [a, b]


@golden("sfplayer_backward", dur=0.05)
def sfplayer_backward(s, pyo, events):
    """SfPlayer(sin16.wav, speed=-1).out(); SfPlayer(sin16.wav, speed=-0.7, interp=4).out(1)
    (short: pyo reads garbage once a backward block crosses the file start)."""
    f = make_files()
    a = pyo.SfPlayer(f["sin16.wav"], speed=-1).out()
    b = pyo.SfPlayer(f["sin16.wav"], speed=-0.7, interp=4).out(1)
    return [a, b]


@golden("sfplayer_trig", dur=0.5)
def sfplayer_trig(s, pyo, events):
    """a = SfPlayer(sin16.wav, speed=1.3, loop=True, offset=0.01); b = SfPlayer(fl32.wav, speed=0.8, loop=True);
    c = SfPlayer(st16.wav) (two channels, no loop); Sig(a['trig']).out(0); (b['trig'] * 0.5).out(0);
    (c['trig'] * [0.25, 0.5]).out(1, inc=0): a trigger at the first sample of each block that wraps or ends (not
    backward: pyo reads garbage once a backward block crosses the file start)."""
    f = make_files()
    a = pyo.SfPlayer(f["sin16.wav"], speed=1.3, loop=True, offset=0.01)
    b = pyo.SfPlayer(f["fl32.wav"], speed=0.8, loop=True)
    c = pyo.SfPlayer(f["st16.wav"])
    ka = pyo.Sig(a['trig']).out(0)
    kb = (b['trig'] * 0.5).out(0)
    kc = (c['trig'] * [0.25, 0.5]).out(1, inc=0)
    return [a, b, c, ka, kb, kc]


@golden("sfplayer_setpath", dur=0.5)
def sfplayer_setpath(s, pyo, events):
    """a = SfPlayer(sin16.wav, loop=True).out(); Sig(a['trig']).out(1); b = SfPlayer(fl32.wav, speed=0.8, mul=0.5).out(1);
    a.setPath(aif16.aif) at 0.1 s; b.setSound(sin16.wav) at 0.2 s (the new sound plays from its start)."""
    f = make_files()
    a = pyo.SfPlayer(f["sin16.wav"], loop=True).out()
    k = pyo.Sig(a['trig']).out(1)
    b = pyo.SfPlayer(f["fl32.wav"], speed=0.8, mul=0.5).out(1)
    at(events, 0.1, lambda: a.setPath(f["aif16.aif"]))
    at(events, 0.2, lambda: b.setSound(f["sin16.wav"]))
    return [a, k, b]
