//! Fuzzes the script layer: any text through the lexer, the parser and the
//! evaluator against a booted manual server must give Ok or an error,
//! never a panic, a hang or a crash. Run with
//! `cargo +nightly fuzz run script -- -max_total_time=300`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rpyo::{AudioBackend, Server, ServerConfig};
use std::sync::OnceLock;

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let s = Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity: 0, ..Default::default() })
            .expect("server");
        s.deactivate_midi().expect("midi");
        s.boot(true).expect("boot");
        // Fuzz inputs end in a second or so, whatever they loop.
        s.set_script_step_limit(200_000);
        s
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = rpyo::script::parser::parse(text);
    let s = server();
    if !s.is_booted() {
        // A script may shut the server down; the next input gets it back.
        let _ = s.boot(true);
    }
    let _ = s.exec(text);
    let _ = s.process_block();
    s.script_clear();
});
