//! The `rpyo` command: renders and plays pyo scripts without Python, and
//! shows the class registry and the devices.

use clap::{Parser, Subcommand};
use rpyo::objects::registry::{classes, find_class, ClassSpec, ADD, MUL};
use rpyo::script::render::{render_script, Progress, RenderOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "rpyo", version, about = "pyo's audio server and objects, without Python")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs a pyo script against an offline server and writes the sound file.
    Render {
        /// The script (pyo's Python syntax; `s = Server(...).boot()`, objects, `s.start()`).
        script: PathBuf,
        /// The file to write (its extension picks the format); default: the
        /// script's recordOptions file name, else rpyo_rec.wav in the home folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Seconds to render (default: the script's recordOptions dur).
        #[arg(long)]
        dur: Option<f64>,
        /// Sampling rate in Hz (default: the script's, else 44100).
        #[arg(long)]
        sr: Option<f64>,
        /// Frames per block (default: the script's, else 256).
        #[arg(long)]
        bs: Option<usize>,
        /// Output channels (default: the script's, else 2).
        #[arg(long)]
        nchnls: Option<usize>,
        /// File format when the file name has no known extension: wav, aiff,
        /// au, raw, sd2, flac, caf, ogg, or pyo's number 0-7.
        #[arg(long)]
        format: Option<String>,
        /// Sample type: int16, int24, int32, float32, float64, ulaw, alaw,
        /// or pyo's number 0-6.
        #[arg(long)]
        sampletype: Option<String>,
        /// No progress bar and no summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Plays a script in real time with a terminal meter and clock (needs the
    /// cpal or jack feature).
    Play {
        script: PathBuf,
        /// Use JACK instead of the default sound card.
        #[arg(long)]
        jack: bool,
        /// Seconds to play (default: the script's recordOptions dur when
        /// positive, else until Ctrl-C).
        #[arg(long)]
        dur: Option<f64>,
    },
    /// Lists the classes, or shows one class's parameters, defaults and docs.
    Classes {
        /// A class name, e.g. Sine.
        name: Option<String>,
    },
    /// Lists the audio and MIDI devices (pa_list_devices, pm_list_devices).
    Devices,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Render { script, output, dur, sr, bs, nchnls, format, sampletype, quiet } => {
            render(script, output, dur, sr, bs, nchnls, format, sampletype, quiet)
        }
        Command::Play { script, jack, dur } => play(script, jack, dur),
        Command::Classes { name } => show_classes(name.as_deref()),
        Command::Devices => devices(),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rpyo: {e}");
            ExitCode::FAILURE
        }
    }
}

type Res = Result<(), String>;

/// Writes to stdout; a closed pipe (`rpyo classes | head`) ends quietly.
fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn show_classes(name: Option<&str>) -> Res {
    let Some(name) = name else {
        let list: String = classes().iter().map(|c| format!("{:<12} {}\n", c.name, c.doc)).collect();
        emit(&list);
        return Ok(());
    };
    let class = find_class(name).ok_or_else(|| {
        let known: Vec<&str> = classes().iter().map(|c| c.name).collect();
        format!("no class '{name}' (classes: {})", known.join(", "))
    })?;
    emit(&describe_class(class));
    Ok(())
}

fn describe_class(c: &ClassSpec) -> String {
    let mut t = format!("{}: {}\n\n", c.name, c.doc);
    let params = c.params.iter().chain(if c.table.is_some() { [].iter() } else { [MUL, ADD].iter() });
    for p in params {
        let range =
            if p.min.is_finite() || p.max.is_finite() { format!(" [{} .. {}]", p.min, p.max) } else { String::new() };
        let how = if p.ctor { "" } else { " (set only)" };
        t += &format!("  {:<14} {:<8} default {}{range}{how}\n      {}\n", p.name, p.kind.name(), p.default, p.doc);
    }
    t
}

fn devices() -> Res {
    let mut t = String::new();
    #[cfg(feature = "cpal")]
    {
        use rpyo::backend::cpal;
        match cpal::list_devices() {
            Ok(list) => {
                t += &cpal::format_devices(&list);
                let show = |d: rpyo::Result<Option<usize>>| match d {
                    Ok(Some(i)) => i.to_string(),
                    Ok(None) => "none".into(),
                    Err(e) => e.message.to_string(),
                };
                t += &format!(
                    "default input: {}, default output: {}\n",
                    show(cpal::default_input()),
                    show(cpal::default_output())
                );
            }
            Err(e) => t += &format!("AUDIO devices: none ({})\n", e.message),
        }
    }
    #[cfg(not(feature = "cpal"))]
    {
        t += "AUDIO devices: none (this build has no sound card backend; see the cpal feature)\n";
    }
    #[cfg(feature = "midir")]
    {
        use rpyo::midi::midir;
        match midir::list_devices() {
            Ok(list) => t += &midir::format_devices(&list),
            Err(e) => t += &format!("MIDI devices: none ({})\n", e.message),
        }
    }
    #[cfg(not(feature = "midir"))]
    {
        t += "MIDI devices: none (this build has no MIDI port backend; see the midir feature)\n";
    }
    emit(&t);
    Ok(())
}

/// Runs a script against a real-time server (sound card, or JACK with
/// `jack`), showing its clock and output meter, until `dur` seconds (the
/// command line's, else the script's recordOptions dur when positive)
/// or Ctrl-C.
fn play(script: PathBuf, jack: bool, dur: Option<f64>) -> Res {
    use rpyo::script::eval::Overrides;
    use rpyo::script::value::Value;
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    if !jack && !cfg!(feature = "cpal") {
        return Err("play: this build has no sound card backend (rebuild with --features cpal, or use --jack)".into());
    }
    let code = std::fs::read_to_string(&script).map_err(|e| format!("cannot read '{}': {e}", script.display()))?;
    let audio = if jack { "jack" } else { "portaudio" };
    let config = rpyo::ServerConfig {
        audio: rpyo::AudioBackend::parse(audio).map_err(|e| e.message.to_string())?,
        verbosity: 7,
        ..Default::default()
    };
    let server = rpyo::Server::new(config).map_err(|e| e.message.to_string())?;
    let mut over = Overrides { auto_boot: true, ..Default::default() };
    over.server.push(("audio".into(), Value::str(audio)));
    server.set_script_overrides(over);

    const SHOWN: usize = 8;
    let levels: Arc<[AtomicU32; SHOWN]> = Arc::new(std::array::from_fn(|_| AtomicU32::new(0)));
    let clock = Arc::new(AtomicU64::new(0));
    let l = Arc::clone(&levels);
    server
        .set_meter_callback(Some(Box::new(move |amps: &[f32]| {
            for (slot, a) in l.iter().zip(amps) {
                slot.store(a.to_bits(), Ordering::Relaxed);
            }
        })))
        .map_err(|e| e.message.to_string())?;
    let c = Arc::clone(&clock);
    server
        .set_time_callback(Some(Box::new(move |h, m, s, ms| {
            c.store(
                (u64::from(h) << 48) | (u64::from(m) << 32) | (u64::from(s) << 16) | u64::from(ms),
                Ordering::Relaxed,
            )
        })))
        .map_err(|e| e.message.to_string())?;

    server.exec(&code).map_err(|e| format!("{}: {}", script.display(), e.message))?;
    if !server.is_booted() {
        server.boot(true).map_err(|e| e.message.to_string())?;
    }
    if !server.is_started() {
        server.start().map_err(|e| e.message.to_string())?;
    }
    let dur = dur.or_else(|| Some(server.recording_options().dur).filter(|d| *d > 0.0));
    let nch = server.nchnls().min(SHOWN);
    let started = Instant::now();
    loop {
        let t = clock.load(Ordering::Relaxed);
        let mut line =
            format!("\r{:02}:{:02}:{:02}.{:03} ", t >> 48, (t >> 32) & 0xffff, (t >> 16) & 0xffff, t & 0xffff);
        for slot in levels.iter().take(nch) {
            let a = f32::from_bits(slot.load(Ordering::Relaxed));
            let db = 20.0 * a.max(1e-5).log10();
            let n = (((db + 60.0) / 60.0).clamp(0.0, 1.0) * 20.0).round() as usize;
            line += &format!(" [{}{}] {:6.1} dB", "#".repeat(n), " ".repeat(20 - n), db);
        }
        #[cfg(feature = "cpal")]
        if let Some(st) = server.cpal_stats() {
            line += &format!("  xruns {}", st.xruns);
        }
        eprint!("{line}");
        if dur.is_some_and(|d| started.elapsed().as_secs_f64() >= d) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!();
    server.stop().map_err(|e| e.message.to_string())?;
    server.shutdown().map_err(|e| e.message.to_string())?;
    Ok(())
}

/// pyo's number for a file format name (or the number itself).
fn format_number(name: &str) -> Result<i32, String> {
    const NAMES: [&str; 8] = ["wav", "aiff", "au", "raw", "sd2", "flac", "caf", "ogg"];
    let n = name.trim().to_ascii_lowercase();
    NAMES
        .iter()
        .position(|f| *f == n || (n == "aif" && *f == "aiff"))
        .map(|i| i as i32)
        .or_else(|| n.parse::<i32>().ok().filter(|i| (0..8).contains(i)))
        .ok_or_else(|| format!("--format: '{name}' is not a format ({} or 0-7)", NAMES.join(", ")))
}

/// pyo's number for a sample type name (or the number itself).
fn sampletype_number(name: &str) -> Result<i32, String> {
    const NAMES: [&[&str]; 7] = [
        &["int16", "16", "i16"],
        &["int24", "24", "i24"],
        &["int32", "32", "i32"],
        &["float32", "float", "f32"],
        &["float64", "double", "f64"],
        &["ulaw", "mulaw", "u-law"],
        &["alaw", "a-law"],
    ];
    let n = name.trim().to_ascii_lowercase();
    NAMES.iter().position(|names| names.contains(&n.as_str())).map(|i| i as i32).ok_or_else(|| {
        format!("--sampletype: '{name}' is not a sample type (int16, int24, int32, float32, float64, ulaw, alaw)")
    })
}

#[allow(clippy::too_many_arguments)]
fn render(
    script: PathBuf,
    output: Option<PathBuf>,
    dur: Option<f64>,
    sr: Option<f64>,
    bs: Option<usize>,
    nchnls: Option<usize>,
    format: Option<String>,
    sampletype: Option<String>,
    quiet: bool,
) -> Res {
    let opts = RenderOptions {
        output,
        dur,
        sr,
        bs,
        nchnls,
        fileformat: format.as_deref().map(format_number).transpose()?,
        sampletype: sampletype.as_deref().map(sampletype_number).transpose()?,
    };
    let progress: Option<Progress> = if quiet {
        None
    } else {
        Some(Box::new(|f: f64| {
            let done = (f * 30.0).round() as usize;
            eprint!("\r[{}{}] {:3.0}%", "#".repeat(done), " ".repeat(30 - done.min(30)), f * 100.0);
        }))
    };
    let summary = render_script(&script, &opts, progress).map_err(|e| e.message.to_string())?;
    if !quiet {
        eprintln!("\r[{}] 100%", "#".repeat(30));
        let peaks = match &summary.peaks {
            Some(p) => p
                .iter()
                .enumerate()
                .map(|(i, x)| format!("ch{i} {x:.4} ({:.1} dBFS)", 20.0 * x.max(1e-10).log10()))
                .collect::<Vec<_>>()
                .join(", "),
            None => "not measured (no reader for this format here)".into(),
        };
        emit(&format!(
            "{}: {:.3} s ({} frames at {} Hz)\npeak: {peaks}\nrendered in {:.3} s: {:.1} x real time\n",
            summary.path.display(),
            summary.frames as f64 / summary.sr,
            summary.frames,
            summary.sr,
            summary.wall.as_secs_f64(),
            summary.realtime_factor()
        ));
    }
    Ok(())
}
