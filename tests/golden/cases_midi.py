# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of the MIDI objects, fed with Server.addMidiEvent at block
# starts (render_golden.py resets pyo's pending-event count every block).
from render_golden import golden, at


def midi(s, events, t, status, d1, d2):
    at(events, t, lambda: s.addMidiEvent(status, d1, d2))


@golden("notein_raw", dur=0.5)
def notein_raw(s, pyo, events):
    """n = Notein(poly=2); p, v = n['pitch'], n['velocity'];
    left = Sig(p[0]) + Sig(p[1]) * 1000, right = Sig(v[0]) + Sig(v[1]) * 10; notes: on 60 v100 at 0.05 s,
    on 64 v80 at 0.1, on 67 v127 at 0.15 (steals? poly 2), off 60 at 0.2 (0x80), off 64 at 0.25
    (0x90 vel 0), on 72 v1 at 0.3, off 67 at 0.35, off 72 at 0.4."""
    n = pyo.Notein(poly=2)
    p, v = n['pitch'], n['velocity']
    left = (pyo.Sig(p[0]) + pyo.Sig(p[1]) * 1000).out()
    right = (pyo.Sig(v[0]) + pyo.Sig(v[1]) * 10).out(1)
    midi(s, events, 0.05, 144, 60, 100)
    midi(s, events, 0.1, 144, 64, 80)
    midi(s, events, 0.15, 144, 67, 127)
    midi(s, events, 0.2, 128, 60, 0)
    midi(s, events, 0.25, 144, 64, 0)
    midi(s, events, 0.3, 144, 72, 1)
    midi(s, events, 0.35, 128, 67, 0)
    midi(s, events, 0.4, 128, 72, 0)
    return [n, p, v, left, right]


@golden("midi_notein", dur=1.1)
def midi_notein(s, pyo, events):
    """The oracle's midi_notein (1.1 s instead of 1.5: the last release ends at 1.0 s):
    n = Notein(poly=4, scale=1); env = MidiAdsr(n['velocity'], attack=0.01, decay=0.05, sustain=0.5,
    release=0.1, mul=0.3); Sine(freq=n['pitch'], mul=env).mix(2).out(); on 60 v100 at 0.1 s,
    on 64 v80 at 0.3, off 60 (0x80) at 0.6, off 64 (0x90 vel 0) at 0.9."""
    n = pyo.Notein(poly=4, scale=1)
    env = pyo.MidiAdsr(n['velocity'], attack=0.01, decay=0.05, sustain=0.5, release=0.1, mul=0.3)
    sig = pyo.Sine(freq=n['pitch'], mul=env)
    m = sig.mix(2).out()
    midi(s, events, 0.1, 144, 60, 100)
    midi(s, events, 0.3, 144, 64, 80)
    midi(s, events, 0.6, 128, 60, 0)
    midi(s, events, 0.9, 144, 64, 0)
    return [n, env, sig, m]


@golden("midiadsr_exp", dur=0.6)
def midiadsr_exp(s, pyo, events):
    """a = Sig(0); b = Sig(0.5); ab = Mix([a, b], voices=2) (one object of two streams: rpyo's `input`
    takes no list of objects); e = MidiAdsr(ab, attack=0.02, decay=0.03, sustain=0.6, release=0.05);
    e.setExp(2.5) at creation; Sig(e).out(): left a's envelope, right b's (b is 0.5 from the start).
    a: 0.8 at 0.02 s, setAttack(0.01) at 0.025 (mid-attack), 0.3 at 0.1 (no retrigger), 0 at 0.15,
    0.5 at 0.17 (retrigger mid-release, from its value), setSustain(0.2) at 0.2 (next trigger only),
    setExp(1) at 0.3 (output linear, scale kept), -0.2 at 0.32 (nothing), 0 at 0.35 (release),
    setRelease(0.1) at 0.37, 0.9 at 0.5. b: 0 at 0.25, -0.4 at 0.3 (nothing), 0.25 at 0.4 (a trigger:
    the envelope is off)."""
    a = pyo.Sig(0)
    b = pyo.Sig(0.5)
    ab = pyo.Mix([a, b], voices=2)
    e = pyo.MidiAdsr(ab, attack=0.02, decay=0.03, sustain=0.6, release=0.05)
    e.setExp(2.5)
    out = pyo.Sig(e).out()
    at(events, 0.02, lambda: a.setValue(0.8))
    at(events, 0.025, lambda: e.setAttack(0.01))
    at(events, 0.1, lambda: a.setValue(0.3))
    at(events, 0.15, lambda: a.setValue(0))
    at(events, 0.17, lambda: a.setValue(0.5))
    at(events, 0.2, lambda: e.setSustain(0.2))
    at(events, 0.25, lambda: b.setValue(0))
    at(events, 0.3, lambda: e.setExp(1))
    at(events, 0.3, lambda: b.setValue(-0.4))
    at(events, 0.32, lambda: a.setValue(-0.2))
    at(events, 0.35, lambda: a.setValue(0))
    at(events, 0.37, lambda: e.setRelease(0.1))
    at(events, 0.4, lambda: b.setValue(0.25))
    at(events, 0.5, lambda: a.setValue(0.9))
    return [a, b, ab, e, out]


@golden("midiadsr_defaults", dur=0.5)
def midiadsr_defaults(s, pyo, events):
    """n = Notein(poly=2); e = MidiAdsr(n['velocity']) (defaults); Sine(freq=[300, 500], mul=e).out():
    on 60 v127 at 0.02 s, on 62 v40 at 0.1, off 60 at 0.2, on 64 v90 at 0.25 (voice 0 again,
    mid-release), off 62 at 0.3, off 64 at 0.4."""
    n = pyo.Notein(poly=2)
    e = pyo.MidiAdsr(n['velocity'])
    sig = pyo.Sine(freq=[300, 500], mul=e).out()
    midi(s, events, 0.02, 144, 60, 127)
    midi(s, events, 0.1, 144, 62, 40)
    midi(s, events, 0.2, 128, 60, 0)
    midi(s, events, 0.25, 144, 64, 90)
    midi(s, events, 0.3, 128, 62, 0)
    midi(s, events, 0.4, 128, 64, 0)
    return [n, e, sig]


@golden("midictl_basic", dur=0.5)
def midictl_basic(s, pyo, events):
    """m = Midictl(ctlnumber=[7, 1], minscale=-1, maxscale=[2, 0.5], init=0.25, channel=[0, 3]);
    Sig(m).out(): left controller 7 on any channel, right controller 1 on channel 3 only.
    cc7=100 ch1 at 0.05 s, cc1=64 ch1 (ignored right) and cc1=30 ch3 at 0.1, cc7=127 ch5 and
    cc7=0 ch5 in one block at 0.15 (the last wins), setMinScale(0.5) at 0.2 (next message),
    cc7=64 ch2 and cc1=127 ch3 at 0.25, setValue(0.1) at 0.3, setCtlNumber(9) at 0.35 (both),
    cc7=10 ch3 (ignored) at 0.4, cc9=90 ch3 at 0.45."""
    m = pyo.Midictl(ctlnumber=[7, 1], minscale=-1, maxscale=[2, 0.5], init=0.25, channel=[0, 3])
    out = pyo.Sig(m).out()
    midi(s, events, 0.05, 0xB0, 7, 100)
    midi(s, events, 0.1, 0xB0, 1, 64)
    midi(s, events, 0.1, 0xB2, 1, 30)
    midi(s, events, 0.15, 0xB4, 7, 127)
    midi(s, events, 0.15, 0xB4, 7, 0)
    at(events, 0.2, lambda: m.setMinScale(0.5))
    midi(s, events, 0.25, 0xB1, 7, 64)
    midi(s, events, 0.25, 0xB2, 1, 127)
    at(events, 0.3, lambda: m.setValue(0.1))
    at(events, 0.35, lambda: m.setCtlNumber(9))
    midi(s, events, 0.4, 0xB2, 7, 10)
    midi(s, events, 0.45, 0xB2, 9, 90)
    return [m, out]


@golden("bendin_basic", dur=0.5)
def bendin_basic(s, pyo, events):
    """b = Bendin(brange=[7.3, 2], scale=[0, 1], channel=[0, 2]); Sig(b).out(): left semitones
    (any channel), right transposition factor (channel 2 only). Bends (data1, data2):
    (0, 0) ch1 at 0.05 s, (5, 100) ch2 at 0.1, (127, 127) ch2 at 0.15, (0, 64) ch1 at 0.2,
    setBrange(12) at 0.25 (next message), (33, 20) ch2 at 0.3, setScale(0) at 0.35 (next message),
    setChannel(0) at 0.4, (77, 90) ch16 at 0.45."""
    b = pyo.Bendin(brange=[7.3, 2], scale=[0, 1], channel=[0, 2])
    out = pyo.Sig(b).out()
    midi(s, events, 0.05, 0xE0, 0, 0)
    midi(s, events, 0.1, 0xE1, 5, 100)
    midi(s, events, 0.15, 0xE1, 127, 127)
    midi(s, events, 0.2, 0xE0, 0, 64)
    at(events, 0.25, lambda: b.setBrange(12))
    midi(s, events, 0.3, 0xE1, 33, 20)
    at(events, 0.35, lambda: b.setScale(0))
    at(events, 0.4, lambda: b.setChannel(0))
    midi(s, events, 0.45, 0xEF, 77, 90)
    return [b, out]


@golden("touchin_programin", dur=0.5)
def touchin_programin(s, pyo, events):
    """t = Touchin(minscale=-0.37, maxscale=2.9, init=0.3, channel=0); Sig(t).out();
    p = Programin(channel=4, mul=0.01); Sig(p).out(1). Pressure 100 ch1 at 0.05 s,
    polyphonic aftertouch (0xA0, ignored) at 0.1, pressure 7 ch9 at 0.15; program 42 ch4 at 0.1,
    program 99 ch1 (ignored) at 0.2, program 5 ch4 at 0.3."""
    t = pyo.Touchin(minscale=-0.37, maxscale=2.9, init=0.3, channel=0)
    a = pyo.Sig(t).out()
    p = pyo.Programin(channel=4, mul=0.01)
    b = pyo.Sig(p).out(1)
    midi(s, events, 0.05, 0xD0, 100, 0)
    midi(s, events, 0.1, 0xA0, 60, 30)
    midi(s, events, 0.15, 0xD8, 7, 0)
    midi(s, events, 0.1, 0xC3, 42, 0)
    midi(s, events, 0.2, 0xC0, 99, 0)
    midi(s, events, 0.3, 0xC3, 5, 0)
    return [t, a, p, b]


@golden("notein_trigs_setters", dur=0.5)
def notein_trigs_setters(s, pyo, events):
    """n = Notein(poly=2); Sig(n['trigon']).out() (voice i to channel i); (n['trigoff'] * 0.5).out();
    on 60 at 0.05 s, on 64 at 0.1, off 60 at 0.15, on 62 at 0.2, off 64 (0x90 vel 0) at 0.25, off 62 at 0.3;
    n.setFirst(61) at 0.32; on 60 at 0.35 (ignored), on 65 at 0.38; n.setChannel(2) at 0.4; on 67 on channel 1
    at 0.42 (ignored), on 69 on channel 2 at 0.45; n.setScale(1) at 0.46 (no new trigger)."""
    n = pyo.Notein(poly=2)
    on = pyo.Sig(n['trigon']).out()
    off = (n['trigoff'] * 0.5).out()
    midi(s, events, 0.05, 144, 60, 100)
    midi(s, events, 0.1, 144, 64, 80)
    midi(s, events, 0.15, 128, 60, 0)
    midi(s, events, 0.2, 144, 62, 90)
    midi(s, events, 0.25, 144, 64, 0)
    midi(s, events, 0.3, 128, 62, 0)
    at(events, 0.32, lambda: n.setFirst(61))
    midi(s, events, 0.35, 144, 60, 100)
    midi(s, events, 0.38, 144, 65, 100)
    at(events, 0.4, lambda: n.setChannel(2))
    midi(s, events, 0.42, 144, 67, 100)
    midi(s, events, 0.45, 145, 69, 100)
    at(events, 0.46, lambda: n.setScale(1))
    return [n, on, off]


@golden("notein_velocity_range", dur=0.5)
def notein_velocity_range(s, pyo, events):
    """n = Notein(poly=2); n.setFirstVelocity(20); n.setLastVelocity(110); p, v, t = n['pitch'], n['velocity'],
    n['trigon']; left = Sig(p[0]) + Sig(p[1]) * 1000; right = Sig(v[0]) + Sig(v[1]) * 10 + Sig(t[0]) * 100
    + Sig(t[1]) * 1000; on 60 v100 at 0.05 s, 67 v120 at 0.1 (ignored), 66 v10 at 0.15 (ignored), 62 v20 at 0.2,
    off 60 at 0.25, n.setLastVelocity(127) at 0.3, on 69 v120 at 0.35, off 62 (0x90 vel 0) at 0.4
    (pyo's setStealing is not reproduced: after a steal pyo swaps the voices' streams every block)."""
    n = pyo.Notein(poly=2)
    n.setFirstVelocity(20)
    n.setLastVelocity(110)
    p, v, t = n['pitch'], n['velocity'], n['trigon']
    left = (pyo.Sig(p[0]) + pyo.Sig(p[1]) * 1000).out()
    right = (pyo.Sig(v[0]) + pyo.Sig(v[1]) * 10 + pyo.Sig(t[0]) * 100 + pyo.Sig(t[1]) * 1000).out(1)
    midi(s, events, 0.05, 144, 60, 100)
    midi(s, events, 0.1, 144, 67, 120)
    midi(s, events, 0.15, 144, 66, 10)
    midi(s, events, 0.2, 144, 62, 20)
    midi(s, events, 0.25, 128, 60, 0)
    at(events, 0.3, lambda: n.setLastVelocity(127))
    midi(s, events, 0.35, 144, 69, 120)
    midi(s, events, 0.4, 144, 62, 0)
    return [n, p, v, t, left, right]


@golden("notein_centralkey", dur=0.4)
def notein_centralkey(s, pyo, events):
    """n = Notein(poly=1, scale=2); Sig(n['pitch']).out(); on 60 at 0.05 s, off 60 at 0.1,
    n.setCentralKey(64) at 0.15, on 60 at 0.2, off 60 at 0.25, on 76 at 0.3."""
    n = pyo.Notein(poly=1, scale=2)
    o = pyo.Sig(n['pitch']).out()
    midi(s, events, 0.05, 144, 60, 100)
    midi(s, events, 0.1, 128, 60, 0)
    at(events, 0.15, lambda: n.setCentralKey(64))
    midi(s, events, 0.2, 144, 60, 100)
    midi(s, events, 0.25, 128, 60, 0)
    midi(s, events, 0.3, 144, 76, 100)
    return [n, o]
