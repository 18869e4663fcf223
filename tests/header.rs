//! The committed C header must be exactly what cbindgen generates from the
//! code now. To refresh it: `RPYO_WRITE_HEADER=1 cargo build`.

#[test]
fn committed_header_is_current() {
    let fresh = include_str!(concat!(env!("OUT_DIR"), "/rpyo.h"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/include/rpyo.h");
    let committed = std::fs::read_to_string(path).expect("include/rpyo.h exists");
    assert!(committed == fresh, "include/rpyo.h is stale: run `RPYO_WRITE_HEADER=1 cargo build` and commit it");
}

/// Every function declared in the header has a comment that names its
/// errors (when it returns a status) and the threads that may call it.
#[test]
fn every_function_is_documented() {
    let header = include_str!(concat!(env!("OUT_DIR"), "/rpyo.h"));
    let lines: Vec<&str> = header.lines().collect();
    let mut functions = 0;
    let mut missing = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let is_function = !line.starts_with("//")
            && !line.starts_with("typedef")
            && !line.starts_with(' ')
            && line.contains(" rpyo_")
            && line.contains('(');
        if !is_function {
            continue;
        }
        functions += 1;
        let doc: Vec<&str> = lines[..i].iter().rev().take_while(|l| l.starts_with("//")).copied().collect();
        let returns_status = line.starts_with("enum rpyo_status");
        if doc.is_empty()
            || !doc.iter().any(|l| l.contains("Thread:"))
            || (returns_status && !doc.iter().any(|l| l.contains("Errors:")))
        {
            missing.push(*line);
        }
    }
    assert!(functions > 60, "only {functions} functions found: is the header complete?");
    assert!(missing.is_empty(), "functions without what/errors/thread docs: {missing:#?}");
}
