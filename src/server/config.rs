//! The Server's settings: pyo's constructor arguments and pre-boot setters,
//! their defaults, their valid ranges and the environment overrides.

use crate::error::{Error, Result};

/// Largest accepted sampling rate, in Hz.
pub const MAX_SAMPLING_RATE: f64 = 768_000.0;
/// Smallest accepted sampling rate, in Hz.
pub const MIN_SAMPLING_RATE: f64 = 1_000.0;
/// Largest accepted buffer size, in frames.
pub const MAX_BUFFER_SIZE: usize = 16_384;
/// Largest accepted number of input or output channels.
pub const MAX_CHANNELS: usize = 256;

/// The audio backend of a server (pyo's `audio` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioBackend {
    /// 'portaudio' or 'pa': a sound card, through cpal in rpyo.
    PortAudio,
    /// 'coreaudio': a sound card, through cpal in rpyo.
    CoreAudio,
    /// 'jack'.
    Jack,
    /// 'offline': render to a file as fast as possible, blocking.
    Offline,
    /// 'offline_nb': render to a file on a worker thread.
    OfflineNb,
    /// 'embedded': the host calls the server once per block.
    Embedded,
    /// 'manual': one block per `process_block` call.
    Manual,
}

impl AudioBackend {
    /// Parses pyo's names ('pa' is 'portaudio').
    pub fn parse(name: &str) -> Result<Self> {
        Ok(match name.trim().to_ascii_lowercase().as_str() {
            "portaudio" | "pa" => AudioBackend::PortAudio,
            "coreaudio" => AudioBackend::CoreAudio,
            "jack" => AudioBackend::Jack,
            "offline" => AudioBackend::Offline,
            "offline_nb" => AudioBackend::OfflineNb,
            "embedded" => AudioBackend::Embedded,
            "manual" => AudioBackend::Manual,
            _ => {
                return Err(Error::invalid(format!(
                    "audio: unknown backend '{name}' (expected one of 'portaudio', 'pa', 'jack', \
                     'coreaudio', 'offline', 'offline_nb', 'embedded', 'manual')"
                )))
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            AudioBackend::PortAudio => "portaudio",
            AudioBackend::CoreAudio => "coreaudio",
            AudioBackend::Jack => "jack",
            AudioBackend::Offline => "offline",
            AudioBackend::OfflineNb => "offline_nb",
            AudioBackend::Embedded => "embedded",
            AudioBackend::Manual => "manual",
        }
    }

    /// Backends that pyo's PYO_SERVER_AUDIO does not override.
    fn is_host_driven_or_offline(self) -> bool {
        matches!(self, AudioBackend::Offline | AudioBackend::OfflineNb | AudioBackend::Embedded | AudioBackend::Manual)
    }
}

/// The MIDI backend of a server (pyo's `midi` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MidiBackend {
    /// 'portmidi' or 'pm': MIDI ports, through midir in rpyo.
    PortMidi,
    /// 'jack': JACK MIDI ports.
    Jack,
}

impl MidiBackend {
    pub fn parse(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "portmidi" | "pm" => Ok(MidiBackend::PortMidi),
            "jack" => Ok(MidiBackend::Jack),
            _ => Err(Error::invalid(format!("midi: unknown backend '{name}' (expected 'portmidi', 'pm' or 'jack')"))),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            MidiBackend::PortMidi => "portmidi",
            MidiBackend::Jack => "jack",
        }
    }
}

/// Every setting pyo's Server takes before boot.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerConfig {
    pub sr: f64,
    pub nchnls: usize,
    /// `None` follows `nchnls`, as pyo's `ichnls=None`.
    pub ichnls: Option<usize>,
    pub buffersize: usize,
    pub duplex: bool,
    pub audio: AudioBackend,
    pub jackname: String,
    pub winhost: String,
    pub midi: MidiBackend,
    pub verbosity: u32,
    pub input_device: Option<i32>,
    pub output_device: Option<i32>,
    pub input_offset: u32,
    pub output_offset: u32,
    pub midi_input_device: Option<i32>,
    pub midi_output_device: Option<i32>,
    pub midi_enabled: bool,
    pub jack_transport_slave: bool,
    pub allow_microsoft_midi: bool,
    /// JACK port names and connections (pyo's setJack* methods).
    pub jack: super::jack_settings::JackSettings,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            sr: 44100.0,
            nchnls: 2,
            ichnls: None,
            buffersize: 256,
            duplex: true,
            audio: AudioBackend::PortAudio,
            jackname: "rpyo".to_string(),
            winhost: "directsound".to_string(),
            midi: MidiBackend::PortMidi,
            verbosity: 7,
            input_device: None,
            output_device: None,
            input_offset: 0,
            output_offset: 0,
            midi_input_device: None,
            midi_output_device: None,
            midi_enabled: true,
            jack_transport_slave: false,
            allow_microsoft_midi: false,
            jack: Default::default(),
        }
    }
}

impl ServerConfig {
    /// Input channels in effect: `ichnls`, or `nchnls` when it is None.
    pub fn input_channels(&self) -> usize {
        self.ichnls.unwrap_or(self.nchnls)
    }

    /// Applies PYO_SERVER_AUDIO, PYO_SERVER_MIDI and PYO_SERVER_WINHOST as pyo
    /// does: the audio override is ignored for 'offline', 'offline_nb',
    /// 'embedded' and 'manual' servers; the other two always apply.
    pub fn apply_environment(&mut self) -> Result<()> {
        self.apply_overrides(
            std::env::var("PYO_SERVER_AUDIO").ok().as_deref(),
            std::env::var("PYO_SERVER_MIDI").ok().as_deref(),
            std::env::var("PYO_SERVER_WINHOST").ok().as_deref(),
        )
    }

    /// The environment rule of [`apply_environment`](Self::apply_environment)
    /// with the values given explicitly (testable without touching the
    /// process environment).
    pub fn apply_overrides(&mut self, audio: Option<&str>, midi: Option<&str>, winhost: Option<&str>) -> Result<()> {
        if let Some(a) = audio {
            if !self.audio.is_host_driven_or_offline() {
                self.audio =
                    AudioBackend::parse(a).map_err(|e| Error::invalid(format!("PYO_SERVER_AUDIO: {}", e.message)))?;
            }
        }
        if let Some(m) = midi {
            self.midi = MidiBackend::parse(m).map_err(|e| Error::invalid(format!("PYO_SERVER_MIDI: {}", e.message)))?;
        }
        if let Some(w) = winhost {
            self.winhost = w.to_string();
        }
        Ok(())
    }

    /// Checks every number; the error names the argument.
    pub fn validate(&self) -> Result<()> {
        check_sampling_rate(self.sr)?;
        check_channels("nchnls", self.nchnls)?;
        if let Some(i) = self.ichnls {
            check_channels("ichnls", i)?;
        }
        check_buffer_size(self.buffersize)?;
        check_verbosity(self.verbosity)?;
        if self.jackname.is_empty() {
            return Err(Error::invalid("jackname: must not be empty"));
        }
        Ok(())
    }
}

pub fn check_sampling_rate(sr: f64) -> Result<()> {
    if !sr.is_finite() || !(MIN_SAMPLING_RATE..=MAX_SAMPLING_RATE).contains(&sr) {
        return Err(Error::invalid(format!(
            "sr: {sr} Hz is out of range ({MIN_SAMPLING_RATE} to {MAX_SAMPLING_RATE})"
        )));
    }
    Ok(())
}

pub fn check_channels(name: &str, n: usize) -> Result<()> {
    if n == 0 || n > MAX_CHANNELS {
        return Err(Error::invalid(format!("{name}: {n} channels is out of range (1 to {MAX_CHANNELS})")));
    }
    Ok(())
}

pub fn check_buffer_size(bs: usize) -> Result<()> {
    if bs == 0 || bs > MAX_BUFFER_SIZE {
        return Err(Error::invalid(format!("buffersize: {bs} is out of range (1 to {MAX_BUFFER_SIZE})")));
    }
    Ok(())
}

pub fn check_verbosity(v: u32) -> Result<()> {
    if v > 15 {
        return Err(Error::invalid(format!(
            "verbosity: {v} is out of range (a sum of 1 error, 2 message, 4 warning, 8 debug: 0 to 15)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyo_defaults() {
        let c = ServerConfig::default();
        assert_eq!((c.sr, c.nchnls, c.buffersize, c.duplex, c.verbosity), (44100.0, 2, 256, true, 7));
        assert_eq!(c.audio, AudioBackend::PortAudio);
        assert_eq!(c.midi, MidiBackend::PortMidi);
        assert_eq!(c.jackname, "rpyo");
        assert_eq!(c.input_channels(), 2);
    }

    #[test]
    fn audio_override_skips_host_driven_backends() {
        let mut c = ServerConfig { audio: AudioBackend::Embedded, ..Default::default() };
        c.apply_overrides(Some("jack"), None, None).unwrap();
        assert_eq!(c.audio, AudioBackend::Embedded);
        let mut c = ServerConfig::default();
        c.apply_overrides(Some("jack"), Some("pm"), Some("asio")).unwrap();
        assert_eq!(c.audio, AudioBackend::Jack);
        assert_eq!(c.midi, MidiBackend::PortMidi);
        assert_eq!(c.winhost, "asio");
        let err = ServerConfig::default().apply_overrides(Some("alsa"), None, None).unwrap_err();
        assert!(err.message.contains("PYO_SERVER_AUDIO"), "{}", err.message);
    }

    #[test]
    fn bad_numbers_name_their_argument() {
        for (cfg, name) in [
            (ServerConfig { sr: 0.0, ..Default::default() }, "sr"),
            (ServerConfig { sr: f64::NAN, ..Default::default() }, "sr"),
            (ServerConfig { sr: 1e9, ..Default::default() }, "sr"),
            (ServerConfig { nchnls: 0, ..Default::default() }, "nchnls"),
            (ServerConfig { ichnls: Some(1000), ..Default::default() }, "ichnls"),
            (ServerConfig { buffersize: 0, ..Default::default() }, "buffersize"),
            (ServerConfig { buffersize: MAX_BUFFER_SIZE + 1, ..Default::default() }, "buffersize"),
            (ServerConfig { verbosity: 16, ..Default::default() }, "verbosity"),
        ] {
            let e = cfg.validate().unwrap_err();
            assert!(e.message.starts_with(name), "{name}: {}", e.message);
        }
        assert!(AudioBackend::parse("alsa").unwrap_err().message.starts_with("audio"));
    }
}
