//! `rpyo render`: a pyo script run against an offline server, its file
//! written, and a summary of what was written.

use super::eval::Overrides;
use super::value::Value;
use crate::error::{Error, Result, Status};
use crate::server::config::{AudioBackend, ServerConfig};
use crate::server::{with_server_id, Server};
use crate::LogLevel;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the command line sets over the script's own settings.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    pub output: Option<PathBuf>,
    pub dur: Option<f64>,
    pub sr: Option<f64>,
    pub bs: Option<usize>,
    pub nchnls: Option<usize>,
    /// pyo's fileformat 0-7 and sampletype 0-6.
    pub fileformat: Option<i32>,
    pub sampletype: Option<i32>,
}

/// What a render wrote.
#[derive(Clone, Debug)]
pub struct RenderSummary {
    pub path: PathBuf,
    pub frames: u64,
    pub sr: f64,
    /// Peak |sample| per channel, read back from the file (None when no
    /// reader here knows its format: AU, CAF, RAW).
    pub peaks: Option<Vec<f32>>,
    /// Wall-clock time of the whole render.
    pub wall: Duration,
}

impl RenderSummary {
    /// Seconds of audio per second of computing.
    pub fn realtime_factor(&self) -> f64 {
        self.frames as f64 / self.sr / self.wall.as_secs_f64().max(1e-9)
    }
}

/// Called every few blocks with the fraction rendered (0 to 1).
pub type Progress = Box<dyn FnMut(f64) + Send>;

/// Runs the script at `path` against a new offline server and writes its
/// file: the script's `Server(...)` and `s.recordOptions(...)` apply, with
/// `opts` over them; the script's `s.start()` renders (as in pyo); a
/// script that never calls it is rendered after it ends.
pub fn render_script(path: &Path, opts: &RenderOptions, progress: Option<Progress>) -> Result<RenderSummary> {
    let code = std::fs::read_to_string(path)
        .map_err(|e| Error::new(Status::Io, format!("render: cannot read '{}': {e}", path.display())))?;
    let mut config = ServerConfig { audio: AudioBackend::Offline, duplex: false, verbosity: 6, ..Default::default() };
    config.sr = opts.sr.unwrap_or(config.sr);
    config.buffersize = opts.bs.unwrap_or(config.buffersize);
    config.nchnls = opts.nchnls.unwrap_or(config.nchnls);
    let server = Server::new(config)?;
    server.deactivate_midi()?;
    let mut over = Overrides { auto_boot: true, ..Default::default() };
    over.server.push(("audio".into(), Value::str("offline")));
    over.server.push(("duplex".into(), Value::Int(0)));
    if let Some(sr) = opts.sr {
        over.server.push(("sr".into(), Value::Float(sr)));
    }
    if let Some(bs) = opts.bs {
        over.server.push(("buffersize".into(), Value::Int(bs as i64)));
    }
    if let Some(n) = opts.nchnls {
        over.server.push(("nchnls".into(), Value::Int(n as i64)));
    }
    if let Some(d) = opts.dur {
        over.record.push(("dur".into(), Value::Float(d)));
    }
    if let Some(o) = &opts.output {
        over.record.push(("filename".into(), Value::str(&o.to_string_lossy())));
    }
    if let Some(f) = opts.fileformat {
        over.record.push(("fileformat".into(), Value::Int(i64::from(f))));
    }
    if let Some(t) = opts.sampletype {
        over.record.push(("sampletype".into(), Value::Int(i64::from(t))));
    }
    server.set_script_overrides(over);
    if let Some(p) = progress {
        watch_progress(&server, p)?;
    }
    let started = Instant::now();
    server.exec(&code).map_err(|e| Error::new(e.status, format!("{}: {}", path.display(), e.message)))?;
    if !server.script_rendered() {
        // A script written for another mode (no s.start(), or an embedded
        // patch): boot and render it now, with the options given.
        if !server.is_booted() {
            server.boot(true)?;
        }
        let o = server.recording_options();
        let filename = opts.output.clone().or(o.filename.clone());
        server.record_options(
            opts.dur.unwrap_or(o.dur),
            filename.as_deref().map(|p| p.to_string_lossy()).as_deref(),
            opts.fileformat.unwrap_or(o.fileformat.map_or(-1, |f| f as i32)),
            opts.sampletype.unwrap_or(o.sampletype as i32),
            f64::from(o.quality),
        )?;
        server.start()?;
    }
    let wall = started.elapsed();
    let o = server.recording_options();
    let sr = server.sampling_rate();
    let path = o.spec(None, sr, server.nchnls(), "render")?.path;
    let peaks = crate::objects::sfread::SoundFile::open(&path.to_string_lossy()).and_then(|mut f| {
        let ch = f.channels.max(1);
        let all = f.read_all()?;
        let mut peaks = vec![0f32; ch];
        for (i, x) in all.iter().enumerate() {
            peaks[i % ch] = peaks[i % ch].max(x.abs());
        }
        Ok((peaks, (all.len() / ch) as u64))
    });
    let frames = match &peaks {
        Ok((_, n)) => *n,
        Err(_) => (o.dur.max(0.0) * sr).round() as u64,
    };
    if let Err(e) = &peaks {
        server.log(LogLevel::Debug, &format!("render: peaks not measured: {e}"));
    }
    Ok(RenderSummary { path, frames, sr, peaks: peaks.ok().map(|p| p.0), wall })
}

/// Reports progress from the render's block callback.
fn watch_progress(server: &Server, mut progress: Progress) -> Result<()> {
    let id = server.id();
    let mut blocks = 0u64;
    let mut total: Option<u64> = None;
    server.set_process_callback(Some(Box::new(move || {
        blocks += 1;
        if blocks % 64 != 1 {
            return;
        }
        let total = *total.get_or_insert_with(|| {
            with_server_id(id, |s| {
                let dur = s.recording_options().dur;
                ((dur.max(0.0) * s.sampling_rate()) / s.buffer_size().max(1) as f64).ceil() as u64
            })
            .unwrap_or(0)
        });
        if total > 0 {
            progress((blocks as f64 / total as f64).min(1.0));
        }
    })))
}
