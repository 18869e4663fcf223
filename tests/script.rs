//! The script layer: pyo code run by rpyo's own interpreter gives pyo's
//! samples (checked against golden files pyo rendered for the same
//! patches), errors name the line and column, a failing statement leaves
//! the server as it was, and Pd-style messages reach objects by name.

mod common;
use common::golden::{check, render};
use common::manual_server;
use rpyo::{Server, Status};

/// Renders a script (run before start), with scripts run at times `events`.
fn render_script(dur: f64, seed: Option<u32>, script: &'static str, events: &[(f64, &'static str)]) -> Vec<f32> {
    let events = events.to_vec();
    render(dur, seed, false, move |s, p| {
        s.exec(script).unwrap_or_else(|e| panic!("{e}"));
        for (t, code) in events {
            p.at(t, move |srv| srv.exec(code).unwrap_or_else(|e| panic!("{e}")));
        }
    })
}

#[test]
fn golden_sine_scripts() {
    check("sine_basic", &render_script(1.0, None, "from pyo import *\na = Sine(440, mul=0.5).out()\n", &[]));
    check(
        "sine_freqs_phases",
        &render_script(1.0, None, "a = Sine(freq=[220, 1000.5], phase=[0, 0.25], mul=0.3, add=0.1).out()", &[]),
    );
    check(
        "out_inc",
        &render_script(
            1.0,
            None,
            "freqs = [220 + 110 * i for i in range(3)]\nx = Sine(freqs, mul=.2).out(chnl=1, inc=1)",
            &[],
        ),
    );
}

#[test]
fn golden_setters_from_events() {
    let out = render_script(
        1.0,
        None,
        "a = Sine(300, mul=0.5).out()\nb = Sine(300, mul=0.5)\nb.out(1)\n",
        &[(0.5, "a.setFreq(600)\na.mul = 0.2"), (0.5, "b.setPhase(0.5)")],
    );
    check("sine_setters", &out);
}

#[test]
fn golden_arithmetic_scripts() {
    check(
        "arith_numbers",
        &render_script(
            0.5,
            None,
            "a = Sine(440)\nx = ((a * 0.3) + 0.1).out()\nb = Sine(330)\ny = ((0.5 - b * 0.2) / 3).out(1)",
            &[],
        ),
    );
    check(
        "arith_in_place",
        &render_script(
            0.5,
            None,
            "a = Sine(440)\na *= 0.5\nlfo = Sine(2, mul=0.1)\na += lfo\na.out()\nb = Sine(330)\nb /= 4\nb -= 0.1\nb.out(1)",
            &[(0.25, "a *= 0.25")],
        ),
    );
    check(
        "mix",
        &render_script(
            1.0,
            None,
            "a, b, c = Sine(440), Sine(660), Sine(880)\nm = Mix([a, b, c], voices=2, mul=0.3).out()",
            &[],
        ),
    );
}

#[test]
fn golden_seeded_noise_and_server_methods() {
    check(
        "noise_seed",
        &render_script(
            1.0,
            Some(1234),
            "n1 = Noise(mul=0.3).out()\nn2 = Noise(mul=0.3)\nn2.setType(1)\nn2.out(1)",
            &[],
        ),
    );
    check(
        "global_dur_del",
        &render_script(
            1.5,
            None,
            "s = Server().boot()\ns.setGlobalDel(0.25)\ns.setGlobalDur(0.5)\na = Sine(440, mul=0.5).out()\n\
             b = Sine(660, mul=0.5).out(1)\ns.setGlobalDel(0)\ns.setGlobalDur(0)",
            &[],
        ),
    );
}

fn error_of(s: &Server, code: &str) -> String {
    let e = s.exec(code).expect_err(code);
    assert_eq!(e.status, Status::InvalidArgument, "{code}: {e}");
    e.message.to_string()
}

#[test]
fn errors_say_where_and_what() {
    let s = manual_server(false);
    assert_eq!(error_of(&s, "a = Sine(440\n"), "line 1, column 9: '(' is never closed");
    assert_eq!(error_of(&s, "a = 1\nb = Sin(440)"), "line 2, column 5: name 'Sin' is not defined");
    assert_eq!(
        error_of(&s, "a = Sine(frq=440)"),
        "line 1, column 9: Sine: unknown argument 'frq' (expected: freq, phase, mul, add)"
    );
    assert!(error_of(&s, "a = Sine(freq='high')").starts_with("line 1, column 9: Sine: argument 'freq' takes"));
    assert_eq!(
        error_of(&s, "for i in range(3):\n    x = Sine(100 * i)\n    y = x.nothing(2)\n"),
        "line 3, column 18: Sine has no method 'nothing'"
    );
    assert_eq!(error_of(&s, "class A:\n  pass"), "line 1, column 1: class definitions are not supported");
    assert_eq!(
        error_of(&s, "while True:\n    pass"),
        "line 2, column 5: stopped after 20000000 steps: an endless loop?"
    );
    assert_eq!(error_of(&s, "x = 1 / 0"), "line 1, column 7: division by zero");
    assert_eq!(
        error_of(&s, "def f(n):\n    return f(n + 1)\nf(0)"),
        "line 2, column 13: f(): calls nested deeper than 64"
    );
}

#[test]
fn a_failing_statement_changes_nothing() {
    let s = manual_server(false);
    s.exec("a = Sine(440, mul=0.5)\nl = [1]").unwrap();
    let before = s.stream_count();
    // One statement that makes objects and changes a parameter, then fails.
    let e = s.exec("for i in range(3):\n    l.append(Sine(100 * (i + 1)))\n    a.freq = 220\n    a.mul = [1, 2][i]\n");
    let m = e.unwrap_err().message;
    assert!(m.starts_with("line 4, column 20: index 2 out of range"), "{m}");
    assert_eq!(s.stream_count(), before, "the objects the loop made are freed");
    s.exec("assert_freq = a.freq").unwrap();
    s.exec("if a.freq != 440 or a.mul != 0.5 or len(l) != 1:\n    x = undefined_name").unwrap();
    // Statements before the failing one stay.
    assert!(s.exec("b = Sine(1)\nc = Sine(2)\nd = bad").is_err());
    s.exec("x = len(b) + len(c)").unwrap();
    assert!(s.exec("e = d").is_err(), "the failing statement bound nothing");
}

#[test]
fn unreferenced_objects_go_as_in_pyo() {
    let s = manual_server(false);
    s.exec("a = Sine(440).out()").unwrap();
    let one = s.stream_count();
    s.exec("Sine(660).out()").unwrap();
    assert_eq!(s.stream_count(), one, "an object no variable holds is freed (pyo's garbage collection)");
    s.exec("objs = [Sine(100 * i) for i in range(1, 4)]").unwrap();
    assert_eq!(s.stream_count(), one + 3);
    s.exec("objs = None").unwrap();
    assert_eq!(s.stream_count(), one);
    s.exec("a = Sine(330)").unwrap();
    assert_eq!(s.stream_count(), one, "rebinding a name replaces its object");
}

#[test]
fn pd_messages_reach_objects_by_name() {
    let s = manual_server(false);
    s.exec("v = SigTo(value=1, time=0)\nosc = Sine(freq=v, mul=0.2).out()").unwrap();
    s.script_set_value("v", &[440.0]).unwrap();
    s.exec("if v.value != 440:\n    x = wrong").unwrap();
    s.script_set_attr("osc.mul", &[0.1, 0.3]).unwrap();
    s.exec("if osc.mul != [0.1, 0.3]:\n    x = wrong").unwrap();
    s.script_call("osc.setPhase", "0.25").unwrap();
    assert_eq!(s.script_call("osc.setPhase", "'x'").unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.script_set_attr("osc", &[1.0]).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.script_set_value("v; y = 2", &[1.0]).unwrap_err().status, Status::InvalidArgument);
    assert!(s.script_set_value("nobody", &[1.0]).unwrap_err().message.contains("name 'nobody' is not defined"));
    let n = s.stream_count();
    assert!(n >= 2);
    s.script_clear();
    assert_eq!(s.stream_count(), 0);
    assert!(s.exec("x = osc").is_err(), "clear forgets the variables");
}

#[test]
fn python_semantics() {
    let s = manual_server(false);
    s.exec(
        "import math, random\nrandom.seed(42)\nr = random.random()\nk = random.randint(1, 100)\n\
         d = {'a': 1, 'b': [2, 3]}\nd['c'] = 4\nt = (1, 2)\nx, y = t\n\
         def f(a, b=2):\n    return a ** b + math.floor(2.5)\n\
         total = sum([f(i) for i in range(4) if i % 2 == 0])\nname = 'n' + str(total)\n\
         ok = r == 0.6394267984578837 and k == 4 and len(d) == 3 and d['b'][-1] == 3 and total == 8 \
         and name == 'n8' and x + y == 3 and round(2.5) == 2 and -7 // 2 == -4 and max([3, 9, 2]) == 9\n\
         hz = midiToHz(60)\nif not ok or hz != 261.6255569458008:\n    fail = undefined",
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Found by the fuzz target: a frequency so large that subtracting the
/// table size no longer changes the position hung the audio thread.
#[test]
fn huge_and_infinite_parameters_do_not_hang_the_audio_thread() {
    let s = manual_server(false);
    s.exec(
        "t = HarmTable()\nobjs = [FM(carrier=7173733806442603294), Sine(freq=1e30), Sine(freq=-1e30), \
         SineLoop(freq=1e38), FastSine(freq=3e38), Osc(t, freq=3e38), TableRead(t, freq=1e30, loop=1).play(), \
         Sine(freq=Sig(1e38) * 1e38), Osc(t, freq=Sig(1e38) * -1e38)]\nm = Mix(objs, voices=2).out()",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    s.start().unwrap();
    // A hang must fail the test, not stall the suite: the blocks run on a
    // thread of their own (a liveness check with a generous bound, not a
    // speed test: 8 blocks take microseconds).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..8 {
            s.process_block().unwrap();
        }
        let _ = tx.send(());
    });
    rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the audio thread hung on huge parameters");
}

#[test]
fn server_midi_output_methods() {
    let s = manual_server(false);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&seen);
    s.set_midi_out_callback(Some(Box::new(move |b: &[u8], frame| sink.lock().unwrap().push((b.to_vec(), frame)))))
        .unwrap();
    s.start().unwrap();
    s.exec(
        "s = Server().boot()\ns.noteout(60, 100, 1)\ns.ctlout([7, 10], 64, channel=2, timestamp=[0, 1])\n\
         s.programout(3, 16)\ns.pressout(value=5, channel=1)\ns.bendout(16383, 3)\ns.afterout(60, 7, 1)\n\
         s.sysexout([[240, 1, 247], '\\xf0\\x02\\xf7'])\ns.makenote(64, 90, 5, 4)",
    )
    .unwrap();
    for _ in 0..2 {
        s.process_block().unwrap();
    }
    let got = seen.lock().unwrap().clone();
    let want: Vec<(Vec<u8>, u32)> = vec![
        (vec![0x90, 60, 100], 0),
        (vec![0xB1, 7, 64], 0),
        (vec![0xCF, 3], 0),
        (vec![0xD0, 5], 0),
        (vec![0xE2, 127, 127], 0),
        (vec![0xA0, 60, 7], 0),
        (vec![0xF0, 1, 0xF7], 0),
        (vec![0xF0, 2, 0xF7], 0),
        (vec![0x93, 64, 90], 0),
        (vec![0xB1, 10, 64], 44), // 1 ms at 44.1 kHz
        (vec![0x93, 64, 0], 221), // 5 ms: 220.5 samples, rounded
    ];
    assert_eq!(got, want);
    assert_eq!(error_of(&s, "s.noteout(128, 100)"), "line 1, column 10: noteout: pitch 128 is out of range (0 to 127)");
    assert!(error_of(&s, "s.sysexout('abc')").contains("not framed by F0 ... F7"));
}

/// A failing statement also puts back what its out/play/stop calls changed:
/// `a` keeps sending to channel 0, `b` stays stopped.
#[test]
fn a_failing_statement_puts_playback_back() {
    let s = manual_server(false);
    s.exec("a = Sig(0.5).out()\nb = Sig(0.25)\nb.stop()").unwrap();
    let e = s.exec("for o in [a]:\n    o.stop()\n    b.out(1)\n    x = nowhere").unwrap_err();
    assert!(e.message.starts_with("line 4"), "{}", e.message);
    let e = s.exec("y = [a.play(), b.out(1)][2]").unwrap_err();
    assert!(e.message.contains("index 2 out of range"), "{}", e.message);
    s.start().unwrap();
    let out = s.output_buffer().unwrap();
    for _ in 0..4 {
        s.process_block().unwrap();
    }
    // SAFETY: the output buffer holds 256 * 2 floats until shutdown.
    let last = unsafe { std::slice::from_raw_parts(out, 512) };
    assert!((last[510] - 0.5).abs() < 1e-5, "a outputs again on channel 0 after the failed statements: {}", last[510]);
    assert_eq!(last[511], 0.0, "b stays stopped");
}
