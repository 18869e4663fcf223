//! pyo's JACK settings (setJackAuto, setJack*PortNames, setJackAutoConnect*,
//! setJackMidi*PortName). Every server stores them; a server booted with
//! audio 'jack' (Cargo feature `jack`) acts on them.

use super::server::{rpyo_server, server_arg, with_server};
use super::util::{copy_str, guard, null, str_arg};
use crate::error::{Error, Result, Status};
use crate::server::config::MAX_CHANNELS;
use crate::server::jack_settings::{PortGroup, PortNames};
use std::ffi::c_char;

/// Most port names one list may hold.
const MAX_PORT_LIST: usize = 4096;

/// `count` C strings from `p` (p may be NULL when count is 0).
unsafe fn str_list(p: *const *const c_char, count: usize, name: &'static str) -> Result<Vec<String>> {
    if count > MAX_PORT_LIST {
        return Err(Error::invalid(format!("{name}: {count} names is too many (at most {MAX_PORT_LIST})")));
    }
    if count == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() {
        return Err(null(name));
    }
    (0..count)
        // SAFETY: the caller promises `count` readable pointers at `p`.
        .map(|i| str_arg(unsafe { *p.add(i) }, name).map(str::to_string))
        .collect()
}

/// pyo's setJackAuto(xin, xout): connect the input ports to the physical
/// capture ports and the output ports to the physical playback ports (1:
/// yes, the default; 0: no) when the client is activated at boot.
///
/// Errors: NULL_POINTER. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_auto(server: *const rpyo_server, xin: bool, xout: bool) -> Status {
    with_server(server, |s| s.set_jack_auto(xin, xout))
}

unsafe fn port_names(
    server: *const rpyo_server,
    group: PortGroup,
    names: *const *const c_char,
    count: usize,
) -> Status {
    with_server(server, |s| {
        let list = unsafe { str_list(names, count, "names")? };
        s.set_jack_port_names(group, PortNames::List(list))
    })
}

/// pyo's setJackInputPortNames with a list: `count` names, one per input
/// channel, used as is. Before boot, or after (the ports are renamed).
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (count is not ichnls; a name is
/// empty or holds ':'), IO (JACK refused the name). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_input_port_names(
    server: *const rpyo_server,
    names: *const *const c_char,
    count: usize,
) -> Status {
    unsafe { port_names(server, PortGroup::Input, names, count) }
}

/// pyo's setJackOutputPortNames with a list: one name per output channel.
///
/// Errors: as rpyo_server_set_jack_input_port_names. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_output_port_names(
    server: *const rpyo_server,
    names: *const *const c_char,
    count: usize,
) -> Status {
    unsafe { port_names(server, PortGroup::Output, names, count) }
}

/// pyo's setJackInputPortNames with a string: input port i is named
/// "<name>_<i>", i from 0 (as pyo 1.1.0).
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, IO. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_input_port_base_name(
    server: *const rpyo_server,
    name: *const c_char,
) -> Status {
    with_server(server, |s| s.set_jack_port_names(PortGroup::Input, PortNames::Base(str_arg(name, "name")?.into())))
}

/// pyo's setJackOutputPortNames with a string: output port i is named
/// "<name>_<i>", i from 0.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, IO. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_output_port_base_name(
    server: *const rpyo_server,
    name: *const c_char,
) -> Status {
    with_server(server, |s| s.set_jack_port_names(PortGroup::Output, PortNames::Base(str_arg(name, "name")?.into())))
}

unsafe fn auto_connect(
    server: *const rpyo_server,
    group: PortGroup,
    ports: *const *const c_char,
    counts: *const usize,
    nchannels: usize,
) -> Status {
    with_server(server, |s| {
        if nchannels > MAX_CHANNELS {
            return Err(Error::invalid(format!("nchannels: {nchannels} is out of range (0 to {MAX_CHANNELS})")));
        }
        if nchannels > 0 && counts.is_null() {
            return Err(null("counts"));
        }
        let mut lists = Vec::with_capacity(nchannels);
        let mut at = 0usize;
        for i in 0..nchannels {
            // SAFETY: the caller promises nchannels counts.
            let n = unsafe { *counts.add(i) };
            if n > MAX_PORT_LIST {
                return Err(Error::invalid(format!("counts[{i}]: {n} ports is too many (at most {MAX_PORT_LIST})")));
            }
            let first = if n == 0 { std::ptr::null() } else { unsafe { ports.add(at) } };
            if n > 0 && ports.is_null() {
                return Err(null("ports"));
            }
            lists.push(unsafe { str_list(first, n, "ports")? });
            at += n;
        }
        s.set_jack_auto_connect_ports(group, lists)
    })
}

/// pyo's setJackAutoConnectInputPorts: input channel i is connected from
/// `counts[i]` ports, whose names follow each other in `ports` (channel 0's
/// first, then channel 1's, ...). `nchannels` must be ichnls (0 clears the
/// setting). Connected at boot; on a booted JACK server, at once too.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (nchannels is not ichnls).
/// A port that cannot be connected is a logged warning. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_auto_connect_input_ports(
    server: *const rpyo_server,
    ports: *const *const c_char,
    counts: *const usize,
    nchannels: usize,
) -> Status {
    unsafe { auto_connect(server, PortGroup::Input, ports, counts, nchannels) }
}

/// pyo's setJackAutoConnectOutputPorts: output channel i is connected to
/// `counts[i]` ports (laid out as in the input version); `nchannels` must
/// be nchnls (0 clears the setting).
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_auto_connect_output_ports(
    server: *const rpyo_server,
    ports: *const *const c_char,
    counts: *const usize,
    nchannels: usize,
) -> Status {
    unsafe { auto_connect(server, PortGroup::Output, ports, counts, nchannels) }
}

/// pyo's setJackAutoConnectMidiInputPort: the JACK MIDI input port is
/// connected from these `count` ports (midi 'jack').
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_auto_connect_midi_input_port(
    server: *const rpyo_server,
    ports: *const *const c_char,
    count: usize,
) -> Status {
    with_server(server, |s| {
        s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, unsafe { str_list(ports, count, "ports")? })
    })
}

/// pyo's setJackAutoConnectMidiOutputPort: the JACK MIDI output port is
/// connected to these `count` ports.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_auto_connect_midi_output_port(
    server: *const rpyo_server,
    ports: *const *const c_char,
    count: usize,
) -> Status {
    with_server(server, |s| {
        s.set_jack_auto_connect_midi_port(PortGroup::MidiOutput, unsafe { str_list(ports, count, "ports")? })
    })
}

/// pyo's setJackMidiInputPortName (default "input"); renames the live port
/// on a booted JACK server.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, IO. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_midi_input_port_name(
    server: *const rpyo_server,
    name: *const c_char,
) -> Status {
    with_server(server, |s| s.set_jack_midi_port_name(PortGroup::MidiInput, str_arg(name, "name")?))
}

/// pyo's setJackMidiOutputPortName (default "output").
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, IO. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_jack_midi_output_port_name(
    server: *const rpyo_server,
    name: *const c_char,
) -> Status {
    with_server(server, |s| s.set_jack_midi_port_name(PortGroup::MidiOutput, str_arg(name, "name")?))
}

/// Writes the JACK client's name (JACK renames a client whose `jackname`
/// is taken) into `buf` (`len` bytes, NUL-terminated).
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted with audio 'jack'),
/// INVALID_ARGUMENT (buffer too small). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_jack_client_name(
    server: *const rpyo_server,
    buf: *mut c_char,
    len: usize,
) -> Status {
    guard(|| {
        let name = server_arg(server)?.jack_client_name().ok_or_else(|| {
            Error::new(Status::InvalidState, "jack_client_name: the server is not booted with audio 'jack'")
        })?;
        copy_str(&name, buf, len, "buf")
    })
}
