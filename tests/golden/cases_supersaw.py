# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of SuperSaw (src/objects/supersaw.rs).  Rendered by
# render_golden.py (see there).
from render_golden import golden, at


@golden("supersaw_basic", dur=0.3)
def supersaw_basic(s, pyo, events):
    """L: SuperSaw(mul=0.3) (defaults: 100 Hz, detune 0.5, bal 0.7); R: SuperSaw(freq=2345.6,
    detune=0.9, bal=0.2, mul=0.4, add=0.1).out(1)."""
    return [pyo.SuperSaw(mul=0.3).out(),
            pyo.SuperSaw(freq=2345.6, detune=0.9, bal=0.2, mul=0.4, add=0.1).out(1)]


@golden("supersaw_list", dur=0.3)
def supersaw_list(s, pyo, events):
    """SuperSaw(freq=[1500, 4000], detune=[0.3, 1.5], bal=[1, -0.2], mul=0.3).out() (detune and
    bal clipped to 0..1): stream 0 left, 1 right."""
    return [pyo.SuperSaw(freq=[1500, 4000], detune=[0.3, 1.5], bal=[1, -0.2], mul=0.3).out()]


@golden("supersaw_audio", dur=0.3)
def supersaw_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=1500); d = Phasor(7); b = Phasor(5, mul=1.2, add=-0.1);
    SuperSaw(freq=m, mul=0.3).out(); SuperSaw(freq=3000, detune=d, bal=b, mul=0.3).out(1)."""
    m = pyo.Phasor(3, mul=500, add=1500)
    d = pyo.Phasor(7)
    b = pyo.Phasor(5, mul=1.2, add=-0.1)
    return [m, d, b, pyo.SuperSaw(freq=m, mul=0.3).out(),
            pyo.SuperSaw(freq=3000, detune=d, bal=b, mul=0.3).out(1)]


@golden("supersaw_setters", dur=0.3)
def supersaw_setters(s, pyo, events):
    """a = SuperSaw(freq=[2000, 150], detune=[0.2, 0.6], bal=[0.5, 0.9], mul=0.3).out(); at 0.15 s:
    a.setFreq([2500, 5000]), a.setDetune([0.8, 0.1]), a.setBal([0, 0.35])."""
    a = pyo.SuperSaw(freq=[2000, 150], detune=[0.2, 0.6], bal=[0.5, 0.9], mul=0.3).out()

    def change():
        a.setFreq([2500, 5000])
        a.setDetune([0.8, 0.1])
        a.setBal([0, 0.35])
    at(events, 0.15, change)
    return [a]
