//! Any text, every target: compiling never panics and never reports an internal error; every
//! output is valid JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::{Options, Target, harvest};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for target in Target::ALL {
        let options = Options {
            target,
            entity: Some("users".into()),
            ..Options::default()
        };
        match sift::compile(source, harvest(), &options) {
            Ok(compiled) => {
                for output in compiled.outputs {
                    assert!(
                        serde_json::from_str::<serde_json::Value>(&output).is_ok(),
                        "not JSON: {output}"
                    );
                }
            }
            Err(diagnostics) => {
                for code in diagnostics.codes() {
                    assert!(
                        !matches!(
                            code.as_str(),
                            "sift::lower::malformed_condition"
                                | "sift::lower::invalid_number"
                                | "sift::lower::serialize"
                        ),
                        "internal error {code} for {source:?}"
                    );
                }
            }
        }
    }
});
