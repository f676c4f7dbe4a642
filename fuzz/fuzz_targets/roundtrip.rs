//! Any text that compiles, for every target and form: its JSON validates without errors,
//! decompiles, and the decompiled text compiles to the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::schema::harvest;
use sift::{JsonForm, Options, Target};
use sift_syntax::{Limits, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(source, &Limits::default());
    if !parsed.errors.is_empty() {
        return;
    }
    let entity = "users";
    for query in &parsed.document.queries {
        let text = sift_syntax::format_query(query);
        let entity_of = query
            .from
            .as_ref()
            .map_or(entity.to_owned(), |f| f.text.to_string());
        for target in Target::ALL {
            for form in JsonForm::ALL {
                let emit = form.emit();
                let options = Options::default()
                    .with_target(target)
                    .with_emit(emit)
                    .with_entity(entity_of.clone())
                    .with_form(Some(form));
                let Ok(compiled) = sift::compile(&text, harvest(), &options) else {
                    continue;
                };
                let Some(json) = compiled.texts().first().copied() else {
                    continue;
                };
                let validation = sift::validate_json(json, harvest(), &options);
                assert!(
                    validation.is_valid(),
                    "{target} {emit}: compiled JSON does not validate: {json}\n{:?}",
                    validation.diagnostics.codes()
                );
                let back = match sift::decompile(json, harvest(), &options) {
                    Ok(back) => back,
                    Err(d) => panic!(
                        "{target} {emit}: {json} does not decompile: {:?}",
                        d.codes()
                    ),
                };
                let again = match sift::compile(&back, harvest(), &options) {
                    Ok(again) => again,
                    Err(d) => panic!(
                        "{target} {emit}: {back:?} does not compile: {:?}",
                        d.codes()
                    ),
                };
                assert_eq!(
                    again.texts().first().copied(),
                    Some(json),
                    "{target} {emit}: {text:?} -> {json} -> {back:?}"
                );
            }
        }
    }
});
