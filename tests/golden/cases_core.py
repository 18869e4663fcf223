# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of pyo's object model: Mix, arithmetic between objects and
# numbers, in-place arithmetic, obj[i], get(). Rendered by render_golden.py.
from render_golden import golden, at


@golden("mix")
def mix(s, pyo, events):
    """a, b, c = Sine(440), Sine(660), Sine(880); Mix([a, b, c], voices=2, mul=0.3).out():
    voice 0 (left) = a + c, voice 1 (right) = b."""
    a, b, c = pyo.Sine(440), pyo.Sine(660), pyo.Sine(880)
    m = pyo.Mix([a, b, c], voices=2, mul=0.3).out()
    return [a, b, c, m]


@golden("mix_method", dur=0.5)
def mix_method(s, pyo, events):
    """a = Sine([220, 330, 440], mul=0.2); a.mix(1).out() (left); Mix(a, voices=1, add=0.1).out(1)."""
    a = pyo.Sine([220, 330, 440], mul=0.2)
    m1 = a.mix(1).out()
    m2 = pyo.Mix(a, voices=1, add=0.1).out(1)
    return [a, m1, m2]


@golden("arith_numbers", dur=0.5)
def arith_numbers(s, pyo, events):
    """a = Sine(440); ((a * 0.3) + 0.1).out() (left); b = Sine(330); ((0.5 - b * 0.2) / 3).out(1)."""
    a = pyo.Sine(440)
    x = ((a * 0.3) + 0.1).out()
    b = pyo.Sine(330)
    y = ((0.5 - b * 0.2) / 3).out(1)
    return [a, x, b, y]


@golden("arith_objects", dur=0.5)
def arith_objects(s, pyo, events):
    """a = Sine(440); m = Sine(3); (a * m).out() (left); b = Sine(441); (a - b * 0.5 + m).out(1)."""
    a = pyo.Sine(440)
    m = pyo.Sine(3)
    x = (a * m).out()
    b = pyo.Sine(441)
    y = (a - b * 0.5 + m).out(1)
    return [a, m, x, b, y]


@golden("arith_division", dur=0.5)
def arith_division(s, pyo, events):
    """d = Sine(1, mul=0.5, add=0.6); (Sine(220, mul=0.1) / d).out() (left);
    z = Sine(2); (Sine(220, mul=0.00001) / z).out(1) (z crosses 0: |divisor| < 1e-5 becomes 1e-5);
    nothing of 1 / x."""
    d = pyo.Sine(1, mul=0.5, add=0.6)
    x = (pyo.Sine(220, mul=0.1) / d).out()
    z = pyo.Sine(2)
    y = (pyo.Sine(220, mul=0.00001) / z).out(1)
    return [d, x, z, y]


@golden("arith_reversed", dur=0.5)
def arith_reversed(s, pyo, events):
    """d = Sine(1, mul=0.5, add=2); (0.5 / d).out() (left); (2 - Sine(330)).out(1) * nothing;
    right = (2 - Sine(330)) * 0.25 written as 0.25 * (2 - Sine(330))."""
    d = pyo.Sine(1, mul=0.5, add=2)
    x = (0.5 / d).out()
    y = (0.25 * (2 - pyo.Sine(330))).out(1)
    return [d, x, y]


@golden("arith_in_place", dur=0.5)
def arith_in_place(s, pyo, events):
    """a = Sine(440); a *= 0.5; a += Sine(2, mul=0.1); a.out(); b = Sine(330); b /= 4; b -= 0.1; b.out(1);
    block 43 (0.25 s): a *= 0.25 (replaces mul)."""
    a = pyo.Sine(440)
    a *= 0.5
    lfo = pyo.Sine(2, mul=0.1)
    a += lfo
    a.out()
    b = pyo.Sine(330)
    b /= 4
    b -= 0.1
    b.out(1)

    def later():
        a.__imul__(0.25)
    at(events, 0.25, later)
    return [a, lfo, b]


@golden("stream_index", dur=0.5)
def stream_index(s, pyo, events):
    """a = Sine([220, 330, 440], mul=0.3); a[2].out() (left); Sig(a[0], mul=2).out(1)."""
    a = pyo.Sine([220, 330, 440], mul=0.3)
    a[2].out()
    b = pyo.Sig(a[0], mul=2).out(1)
    return [a, b]


@golden("auto_children", dur=1.0)
def auto_children(s, pyo, events):
    """s.setAutoStartChildren(True); a = Sine(440, mul=0.5); lp = ButLP(a, freq=2000).out();
    f = Fader(fadein=0.05, fadeout=0.1); c = Sine(330, mul=f) (plays, silent: f does not);
    block 17 (0.1 s): c.stop(); block 43 (0.25 s): lp.stop() (a stops too);
    block 52 (0.3 s): c.out(1) (f plays with it); block 86 (0.5 s): lp.out() (a plays again);
    block 103 (0.6 s): c.stop(wait=0.2) (f, its mul, releases at once; c stops 0.2 s later)."""
    s.setAutoStartChildren(True)
    a = pyo.Sine(440, mul=0.5)
    lp = pyo.ButLP(a, freq=2000).out()
    f = pyo.Fader(fadein=0.05, fadeout=0.1)
    c = pyo.Sine(330, mul=f)
    at(events, 0.1, lambda: c.stop())
    at(events, 0.25, lambda: lp.stop())
    at(events, 0.3, lambda: c.out(1))
    at(events, 0.5, lambda: lp.out())
    at(events, 0.6, lambda: c.stop(wait=0.2))
    return [a, lp, f, c]


@golden("set_input_fade", dur=1.0)
def set_input_fade(s, pyo, events):
    """a = Sine(440, mul=0.5); b = Sine(660, mul=0.5); lp = ButLP(a, freq=5000).out();
    t = Tone(a, freq=3000).out(1); block 43 (0.25 s): lp.setInput(b, fadetime=0.05);
    block 69 (0.4 s): t.setInput(b, fadetime=0.1); block 103 (0.6 s): t.setInput(a) (0.05 s);
    block 112 (0.65 s): lp.setInput(a, fadetime=0.01)."""
    a = pyo.Sine(440, mul=0.5)
    b = pyo.Sine(660, mul=0.5)
    lp = pyo.ButLP(a, freq=5000).out()
    t = pyo.Tone(a, freq=3000).out(1)
    at(events, 0.25, lambda: lp.setInput(b, fadetime=0.05))
    at(events, 0.4, lambda: t.setInput(b, fadetime=0.1))
    at(events, 0.6, lambda: t.setInput(a))
    at(events, 0.65, lambda: lp.setInput(a, fadetime=0.01))
    return [a, b, lp, t]


@golden("out_channel_list", dur=0.5)
def out_channel_list(s, pyo, events):
    """Sine([220, 330, 440], mul=0.2).out(chnl=[1, 0]): streams go to channels 1, 0, 1."""
    return [pyo.Sine([220, 330, 440], mul=0.2).out(chnl=[1, 0])]


@golden("list_of_objects", dur=0.5)
def list_of_objects(s, pyo, events):
    """Lists holding objects: stream i takes item i, of an object its first stream.
    a = Sine([220, 330], mul=0.5); b = Sine(550, mul=0.5); lfo = Sine(3, mul=100, add=400);
    lp = ButLP([a, b], freq=2000) (2 streams: a[0], b); x = Sine(freq=[lfo, 300], mul=[b, 0.3]);
    Mix([lp, x], voices=2).out(); block 43 (0.25 s): x.setFreq([500, lfo]), lp.setFreq([lfo, 3000])."""
    a = pyo.Sine([220, 330], mul=0.5)
    b = pyo.Sine(550, mul=0.5)
    lfo = pyo.Sine(3, mul=100, add=400)
    lp = pyo.ButLP([a, b], freq=2000)
    x = pyo.Sine(freq=[lfo, 300], mul=[b, 0.3])
    m = pyo.Mix([lp, x], voices=2).out()

    def later():
        x.setFreq([500, lfo])
        lp.setFreq([lfo, 3000])
    at(events, 0.25, later)
    return [a, b, lfo, lp, x, m]


@golden("list_of_tables", dur=0.5)
def list_of_tables(s, pyo, events):
    """t1 = HarmTable(); t2 = HarmTable([1, 0, 0.5]); Osc([t1, t2], freq=[220, 330], mul=0.4).out():
    stream 0 reads t1 (left), stream 1 t2 (right); block 43 (0.25 s): o.setTable([t2, t1])."""
    t1 = pyo.HarmTable()
    t2 = pyo.HarmTable([1, 0, 0.5])
    o = pyo.Osc([t1, t2], freq=[220, 330], mul=0.4).out()
    at(events, 0.25, lambda: o.setTable([t2, t1]))
    return [t1, t2, o]
