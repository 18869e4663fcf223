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
