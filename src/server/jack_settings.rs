//! pyo's JACK settings: port names (setJackInputPortNames, ...), automatic
//! connections (setJackAuto, setJackAutoConnect...). They are stored on
//! every server; only a server booted with audio='jack' (Cargo feature
//! `jack`) acts on them.
//!
//! Names may be set before or after boot (pyo renames the live ports, as
//! measured with pyo 1.1.0); connections are made when the client is
//! activated at boot, and a connection list set on a booted JACK server is
//! connected at once as well.

use super::ServerInner;
use crate::error::{Error, Result};

/// Names of a group of audio ports (pyo's setJack*PortNames argument).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortNames {
    /// A string: port i is named `"<base>_<i>"`, i from 0 (as pyo 1.1.0
    /// does: setJackOutputPortNames('abc') gives abc_0, abc_1).
    Base(String),
    /// One name per channel, used as is.
    List(Vec<String>),
}

impl PortNames {
    /// The name of each of `n` ports.
    pub fn resolve(&self, n: usize) -> Vec<String> {
        match self {
            PortNames::Base(b) => (0..n).map(|i| format!("{b}_{i}")).collect(),
            PortNames::List(l) => l.clone(),
        }
    }

    /// Checks the names against `n` channels; the error names `what`.
    pub fn check(&self, what: &str, n: usize) -> Result<()> {
        let names: &[String] = match self {
            PortNames::Base(b) => std::slice::from_ref(b),
            PortNames::List(l) => {
                if l.len() != n {
                    return Err(Error::invalid(format!(
                        "{what}: {} names for {n} channels (give one name per channel, or one string)",
                        l.len()
                    )));
                }
                l
            }
        };
        names.iter().try_for_each(|s| check_short_name(what, s))
    }
}

fn check_short_name(what: &str, s: &str) -> Result<()> {
    if s.is_empty() || s.contains(':') || s.contains('\0') {
        return Err(Error::invalid(format!("{what}: '{s}' is not a port name (not empty, no ':' and no NUL)")));
    }
    Ok(())
}

/// pyo's JACK port settings of a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JackSettings {
    /// setJackAuto(xin, _): connect input i to the i-th physical capture port.
    pub auto_in: bool,
    /// setJackAuto(_, xout): connect output i to the i-th physical playback port.
    pub auto_out: bool,
    /// None: "input_1", "input_2", ... (pyo's names).
    pub input_names: Option<PortNames>,
    /// None: "output_1", "output_2", ...
    pub output_names: Option<PortNames>,
    /// Per input channel, the ports connected to it.
    pub connect_inputs: Vec<Vec<String>>,
    /// Per output channel, the ports it is connected to.
    pub connect_outputs: Vec<Vec<String>>,
    pub connect_midi_in: Vec<String>,
    pub connect_midi_out: Vec<String>,
    /// The MIDI ports' names (pyo: "input" and "output").
    pub midi_in_name: String,
    pub midi_out_name: String,
}

impl Default for JackSettings {
    fn default() -> Self {
        JackSettings {
            auto_in: true,
            auto_out: true,
            input_names: None,
            output_names: None,
            connect_inputs: Vec::new(),
            connect_outputs: Vec::new(),
            connect_midi_in: Vec::new(),
            connect_midi_out: Vec::new(),
            midi_in_name: "input".into(),
            midi_out_name: "output".into(),
        }
    }
}

impl JackSettings {
    /// The input port names for `n` channels.
    pub fn input_port_names(&self, n: usize) -> Vec<String> {
        match &self.input_names {
            Some(p) => p.resolve(n),
            None => (1..=n).map(|i| format!("input_{i}")).collect(),
        }
    }

    /// The output port names for `n` channels.
    pub fn output_port_names(&self, n: usize) -> Vec<String> {
        match &self.output_names {
            Some(p) => p.resolve(n),
            None => (1..=n).map(|i| format!("output_{i}")).collect(),
        }
    }

    /// Checks every list against the channel counts (at boot: the counts
    /// may have changed since the setter).
    pub fn check(&self, ichnls: usize, nchnls: usize) -> Result<()> {
        if let Some(p) = &self.input_names {
            p.check("setJackInputPortNames", ichnls)?;
        }
        if let Some(p) = &self.output_names {
            p.check("setJackOutputPortNames", nchnls)?;
        }
        check_lists("setJackAutoConnectInputPorts", &self.connect_inputs, ichnls)?;
        check_lists("setJackAutoConnectOutputPorts", &self.connect_outputs, nchnls)
    }
}

fn check_lists(what: &str, lists: &[Vec<String>], n: usize) -> Result<()> {
    if !lists.is_empty() && lists.len() != n {
        return Err(Error::invalid(format!(
            "{what}: {} lists of ports for {n} channels (there must be exactly one list per channel)",
            lists.len()
        )));
    }
    Ok(())
}

fn check_full_names(what: &str, ports: &[String]) -> Result<()> {
    for p in ports {
        if p.is_empty() || p.contains('\0') {
            return Err(Error::invalid(format!("{what}: '{p}' is not a port name")));
        }
    }
    Ok(())
}

/// Which group of ports a setter acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortGroup {
    Input,
    Output,
    MidiInput,
    MidiOutput,
}

impl ServerInner {
    /// pyo's setJackAuto(xin, xout): connect (or not) the inputs to the
    /// physical capture ports and the outputs to the physical playback
    /// ports when the client is activated (at boot).
    pub fn set_jack_auto(&self, xin: bool, xout: bool) -> Result<()> {
        let mut c = self.lock();
        c.config.jack.auto_in = xin;
        c.config.jack.auto_out = xout;
        Ok(())
    }

    /// pyo's setJackInputPortNames / setJackOutputPortNames: a string gets
    /// `_<i>` appended (i from 0), a list is used as is (one name per
    /// channel). On a booted JACK server the ports are renamed at once.
    pub fn set_jack_port_names(&self, group: PortGroup, names: PortNames) -> Result<()> {
        let mut c = self.lock();
        let (what, n) = match group {
            PortGroup::Input => ("setJackInputPortNames", c.config.input_channels()),
            PortGroup::Output => ("setJackOutputPortNames", c.config.nchnls),
            _ => return Err(Error::invalid("setJack*PortNames: the group must be Input or Output")),
        };
        names.check(what, n)?;
        #[cfg(feature = "jack")]
        if let Some(j) = c.jack.as_mut() {
            j.rename_audio(group == PortGroup::Input, &names.resolve(n))?;
        }
        match group {
            PortGroup::Input => c.config.jack.input_names = Some(names),
            _ => c.config.jack.output_names = Some(names),
        }
        Ok(())
    }

    /// pyo's setJackMidiInputPortName / setJackMidiOutputPortName (renames
    /// the live port on a booted JACK server).
    pub fn set_jack_midi_port_name(&self, group: PortGroup, name: &str) -> Result<()> {
        let mut c = self.lock();
        let what = match group {
            PortGroup::MidiInput => "setJackMidiInputPortName",
            PortGroup::MidiOutput => "setJackMidiOutputPortName",
            _ => return Err(Error::invalid("setJackMidi*PortName: the group must be MidiInput or MidiOutput")),
        };
        check_short_name(what, name)?;
        #[cfg(feature = "jack")]
        if let Some(j) = c.jack.as_mut() {
            j.rename_midi(group == PortGroup::MidiInput, name)?;
        }
        match group {
            PortGroup::MidiInput => c.config.jack.midi_in_name = name.to_string(),
            _ => c.config.jack.midi_out_name = name.to_string(),
        }
        Ok(())
    }

    /// pyo's setJackAutoConnectInputPorts / OutputPorts: one list of
    /// port names per channel (an empty list of lists clears the setting).
    /// Connected at activation (boot); on a booted JACK server, at once.
    pub fn set_jack_auto_connect_ports(&self, group: PortGroup, lists: Vec<Vec<String>>) -> Result<()> {
        let mut c = self.lock();
        let (what, n) = match group {
            PortGroup::Input => ("setJackAutoConnectInputPorts", c.config.input_channels()),
            PortGroup::Output => ("setJackAutoConnectOutputPorts", c.config.nchnls),
            _ => return Err(Error::invalid("setJackAutoConnect*Ports: the group must be Input or Output")),
        };
        check_lists(what, &lists, n)?;
        lists.iter().try_for_each(|l| check_full_names(what, l))?;
        #[cfg(feature = "jack")]
        if let Some(j) = c.jack.as_ref() {
            j.connect_audio(group == PortGroup::Input, &lists, &self.log);
        }
        match group {
            PortGroup::Input => c.config.jack.connect_inputs = lists,
            _ => c.config.jack.connect_outputs = lists,
        }
        Ok(())
    }

    /// pyo's setJackAutoConnectMidiInputPort / OutputPort: the ports the
    /// MIDI port is connected to (at activation; at once when booted).
    pub fn set_jack_auto_connect_midi_port(&self, group: PortGroup, ports: Vec<String>) -> Result<()> {
        let mut c = self.lock();
        let what = match group {
            PortGroup::MidiInput => "setJackAutoConnectMidiInputPort",
            PortGroup::MidiOutput => "setJackAutoConnectMidiOutputPort",
            _ => return Err(Error::invalid("setJackAutoConnectMidi*Port: the group must be MidiInput or MidiOutput")),
        };
        check_full_names(what, &ports)?;
        #[cfg(feature = "jack")]
        if let Some(j) = c.jack.as_ref() {
            j.connect_midi(group == PortGroup::MidiInput, &ports, &self.log);
        }
        match group {
            PortGroup::MidiInput => c.config.jack.connect_midi_in = ports,
            _ => c.config.jack.connect_midi_out = ports,
        }
        Ok(())
    }

    /// The JACK client's actual name (JACK may have renamed it when
    /// `jackname` was taken), while booted with audio='jack'.
    pub fn jack_client_name(&self) -> Option<String> {
        #[cfg(feature = "jack")]
        {
            self.lock().jack.as_ref().map(|j| j.client_name())
        }
        #[cfg(not(feature = "jack"))]
        {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_pyo() {
        let s = JackSettings::default();
        assert_eq!(s.input_port_names(2), ["input_1", "input_2"]);
        assert_eq!(s.output_port_names(1), ["output_1"]);
        assert_eq!(PortNames::Base("abc".into()).resolve(2), ["abc_0", "abc_1"]);
        let e = PortNames::List(vec!["a".into()]).check("setJackOutputPortNames", 2).unwrap_err();
        assert!(e.message.starts_with("setJackOutputPortNames: 1 names for 2"), "{}", e.message);
        assert!(PortNames::Base("a:b".into()).check("x", 2).is_err());
        let e = check_lists("setJackAutoConnectInputPorts", &[vec![]], 2).unwrap_err();
        assert!(e.message.contains("exactly one list per channel"), "{}", e.message);
    }
}
