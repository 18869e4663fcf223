//! Generates include/rpyo.h from src/ffi with cbindgen. The header is
//! committed; tests/header.rs fails when it is stale.

fn main() {
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=src/error.rs");
    println!("cargo:rerun-if-changed=src/server/handle.rs");
    println!("cargo:rerun-if-changed=src/server/log.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let crate_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(format!("{crate_dir}/cbindgen.toml")).expect("cbindgen.toml is valid");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    match cbindgen::Builder::new().with_crate(&crate_dir).with_config(config).generate() {
        Ok(bindings) => {
            // The fresh header goes to OUT_DIR (compared by tests/header.rs);
            // include/rpyo.h is rewritten only when RPYO_WRITE_HEADER is set
            // or it does not exist yet, so a build never dirties the tree.
            bindings.write_to_file(format!("{out_dir}/rpyo.h"));
            let committed = format!("{crate_dir}/include/rpyo.h");
            if std::env::var_os("RPYO_WRITE_HEADER").is_some() || !std::path::Path::new(&committed).exists() {
                bindings.write_to_file(&committed);
            }
        }
        Err(e) => println!("cargo:warning=cbindgen could not generate the header: {e}"),
    }
    println!("cargo:rerun-if-env-changed=RPYO_WRITE_HEADER");
}
