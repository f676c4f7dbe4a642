//! Any text: the renderer every edge draws diagnostics with (`sift-render`, the CLI's and the
//! Python module's) draws every diagnostic of it without panicking, escapes every control and
//! bidi character, and writes output bounded by a linear function of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift::Options;
use sift::schema::harvest;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let options = Options::default().with_entity("users");
    let diagnostics = match sift::compile(source, harvest(), &options) {
        Ok(compiled) => compiled.warnings,
        Err(diagnostics) => diagnostics,
    };
    let drawn = sift_render::render(diagnostics, "fuzz.sift", source, 100, false).text;
    // Escaping what was drawn changes nothing: no control or bidi character is left raw.
    assert!(
        matches!(sift_render::escape(&drawn), std::borrow::Cow::Borrowed(_)),
        "a control or bidi character was drawn raw"
    );
    assert!(
        drawn.len() <= 100 * 4000 + 4 * source.len(),
        "{} bytes drawn for {} bytes of input",
        drawn.len(),
        source.len()
    );
});
