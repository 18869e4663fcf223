# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Offline rendering: the start offset (tests/offline.rs renders the same patch
# with audio='offline' and compares the file it writes with this one).
from render_golden import golden


@golden("start_offset")
def start_offset(s, pyo, events):
    """s.setStartOffset(0.5): the first ceil(0.5*44100/256) = 87 blocks are computed at start() but not recorded, then the amplitude ramps in again; Sig(Linseg([(0, 0), (2, 1)]).play()).out(); Sine(440, mul=0.5).out(1)."""
    s.setStartOffset(0.5)
    l = pyo.Linseg([(0, 0), (2, 1)]).play()
    a = pyo.Sig(l).out()
    b = pyo.Sine(440, mul=0.5).out(1)
    return [l, a, b]
