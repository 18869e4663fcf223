//! Parameter changes at a frame offset inside the next block: the samples
//! before the frame keep the old value, the frame itself has the new one.

mod common;

use common::manual_server;
use rpyo::Status;

fn block(s: &rpyo::Server) -> Vec<f32> {
    s.process_block().unwrap();
    let out = s.output_buffer().unwrap();
    // SAFETY: the output buffer holds bs * nchnls floats until shutdown.
    unsafe { std::slice::from_raw_parts(out, s.buffer_size() * s.nchnls()) }.to_vec()
}

fn channel(frames: &[f32], c: usize) -> Vec<f32> {
    frames.iter().skip(c).step_by(2).copied().collect()
}

#[test]
fn a_value_and_a_mul_change_exactly_at_their_frames() {
    let s = manual_server(false);
    let sig = s.object_new("Sig", "0").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    let sine = s.object_new("Sine", "440, mul=0.5").unwrap();
    s.object_out(sine, 1, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    for _ in 0..4 {
        block(&s); // past the amplitude ramp
    }
    s.object_set_float_at(sig, "value", 1.0, 100).unwrap();
    s.object_set_float_at(sine, "mul", 0.0, 37).unwrap();
    let b = block(&s);
    let (left, right) = (channel(&b, 0), channel(&b, 1));
    assert!(left[..100].iter().all(|x| *x == 0.0), "before frame 100: the old value");
    assert!(left[100..].iter().all(|x| (*x - 1.0).abs() < 1e-5), "from frame 100: the new value");
    assert!(right[..37].iter().any(|x| *x != 0.0), "before frame 37 the sine sounds");
    assert!(right[37..].iter().all(|x| *x == 0.0), "from frame 37 its mul is 0");
    // The next blocks hold the new values.
    let b = block(&s);
    assert!(channel(&b, 0).iter().all(|x| (*x - 1.0).abs() < 1e-5));
    assert!(channel(&b, 1).iter().all(|x| *x == 0.0));
}

#[test]
fn a_frequency_change_leaves_the_samples_before_the_frame_untouched() {
    let s = manual_server(false);
    let a = s.object_new("Sine", "300").unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    let b = s.object_new("Sine", "300").unwrap();
    s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    block(&s);
    s.object_set_float_at(b, "freq", 900.0, 50).unwrap();
    let out = block(&s);
    let (left, right) = (channel(&out, 0), channel(&out, 1));
    assert_eq!(&left[..51], &right[..51], "through frame 50 (the step lands after it is read) both sines agree");
    assert!(left[52..].iter().zip(&right[52..]).any(|(x, y)| x != y), "then the changed one departs");
}

#[test]
fn frame_offsets_are_checked() {
    let s = manual_server(false);
    let sine = s.object_new("Sine", "440").unwrap();
    let e = s.object_set_float_at(sine, "freq", 1.0, 256).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("frame"), "{}", e.message);
    let f = s.object_new("Fader", "").unwrap();
    let e = s.object_set_float_at(f, "fadein", 1.0, 3).unwrap_err();
    assert!(e.message.contains("audio-rate"), "{}", e.message);
    assert_eq!(s.object_set_float_at(sine, "freq", f32::NAN, 3).unwrap_err().status, Status::InvalidArgument);
}
