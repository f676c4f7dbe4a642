//! Any text, every target: compiling never panics and never reports a malformed tree (the
//! parser never builds one); every output is valid JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::schema::harvest;
use sift::{Options, Target};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for target in Target::ALL {
        let options = Options::default().with_target(target).with_entity("users");
        match sift::compile(source, harvest(), &options) {
            Ok(compiled) => {
                for output in compiled.texts() {
                    assert!(
                        serde_json::from_str::<serde_json::Value>(output).is_ok(),
                        "not JSON: {output}"
                    );
                }
            }
            Err(diagnostics) => {
                for code in diagnostics.codes() {
                    assert!(
                        code != "sift::check::malformed_tree",
                        "internal error {code} for {source:?}"
                    );
                }
            }
        }
    }
});
