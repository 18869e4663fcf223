# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
"""Renders pyo 1.1.0's reference of every example script into this folder:
`PYO_GUI_WX=0 python3 tests/scripts/render_refs.py [NAME...]`.

Each script runs unchanged (its own Server(audio="offline"), recordOptions
and start()), from this folder, so its relative file name lands here. One
thing is patched, pyo's offline MIDI bug: pyo's offline and manual backends
never reset their count of pending MIDI events after a block, so an event
given with addMidiEvent is delivered again on every later block (its
real-time backends reset the count). The patch resets it from the block
callback after the first block, as the real-time backends do; scripts
without MIDI events are not affected."""
import ctypes
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "scripts")
sys.path.insert(0, os.path.join(HERE, "..", "golden"))
os.environ.setdefault("PYO_GUI_WX", "0")

import pyo  # noqa: E402
from render_golden import midi_count_offset  # noqa: E402

_boot, _start = pyo.Server.boot, pyo.Server.start


def boot(self, *a, **k):
    r = _boot(self, *a, **k)
    self._rpyo_midi_count = midi_count_offset(self)
    return r


def start(self):
    state = {"block": 0}
    addr = self._rpyo_midi_count

    def after_first_block():
        if state["block"] > 0:
            ctypes.c_int32.from_address(addr).value = 0
        state["block"] += 1
    self.setCallback(after_first_block)
    return _start(self)


pyo.Server.boot, pyo.Server.start = boot, start


def main(names):
    # A path ending in .py renders that script (in its own folder) instead.
    extra = [os.path.abspath(n) for n in names if n.endswith(".py")]
    if extra:
        for path in extra:
            os.chdir(os.path.dirname(path))
            with open(path) as f:
                exec(compile(f.read(), path, "exec"), {"__name__": "__main__"})
        return
    os.chdir(HERE)
    paths = sorted(glob.glob(os.path.join(EXAMPLES, "*.py")))
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        if names and name not in names:
            continue
        with open(path) as f:
            code = f.read()
        exec(compile(code, path, "exec"), {"__name__": "__main__"})
        print("rendered", name)


if __name__ == "__main__":
    main(sys.argv[1:])
