//! Any text as a JSON document, every target and form: validating never panics and every
//! diagnostic's span lies inside the text; a document that validates without errors
//! decompiles, unless it holds a `cursor`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::{Options, Target, harvest};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for target in Target::ALL {
        let options = Options::default().with_target(target).with_entity("users");
        let validation = sift::validate_json(text, harvest(), &options);
        for diagnostic in validation.diagnostics.iter() {
            let span = diagnostic.span();
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        let _ = validation.diagnostics.to_reports(text);
        if validation.is_valid() && !text.contains("\"cursor\"") {
            let options = options.clone().with_form(validation.form);
            let decompiled = sift::decompile(text, harvest(), &options);
            assert!(decompiled.is_ok(), "valid but not decompilable: {text}");
        }
    }
});
