//! Any text as a JSON document, every target and form: validating never panics and every
//! diagnostic's span lies inside the text; a document that validates without errors
//! decompiles, unless it holds a `cursor`, and the sift it decompiles to compiles with the
//! same options (the same checker, lowering and limits ran on it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::schema::harvest;
use sift::{Emit, JsonForm, Options, Target};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for target in Target::ALL {
        let options = Options::default().with_target(target).with_entity("users");
        let validation = sift::validate_json(text, harvest(), &options);
        for diagnostic in validation.diagnostics.iter() {
            let span = diagnostic.span();
            assert!(span.lo() <= span.hi() && span.hi() <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.lo()) && text.is_char_boundary(span.hi()));
        }
        let _ = validation.diagnostics.to_reports(text);
        let (valid, form) = (validation.is_valid(), validation.form);
        let decompiled = validation.into_sift();
        if valid && !text.contains("\"cursor\"") {
            let Ok((sift, _warnings)) = decompiled else {
                panic!("valid but not decompilable: {text}");
            };
            let options = options.clone().with_emit(form.map_or(Emit::default(), JsonForm::emit));
            let compiled = sift::compile(&sift, harvest(), &options);
            assert!(compiled.is_ok(), "valid, but {sift:?} does not compile");
        }
    }
});
