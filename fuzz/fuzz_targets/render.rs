//! Any text: the CLI's renderer (compiled in from `sift-cli`) draws every diagnostic of it
//! without panicking, escapes every control and bidi character, and writes output bounded by a
//! linear function of the input.
#![no_main]
#![allow(dead_code)]

use libfuzzer_sys::fuzz_target;
use sift::Options;
use sift::schema::harvest;

/// The one item of the CLI's argument module the renderer names.
mod args {
    #[derive(Clone, Copy, Debug)]
    pub enum ColorChoice {
        Auto,
        Always,
        Never,
    }
}

/// The one item of the binary's configuration the renderer's JSON summary names.
mod config {
    pub mod in_force {
        #[derive(Clone, Debug, serde::Serialize)]
        pub struct InForce;
    }
}

#[path = "../../crates/sift-cli/src/render.rs"]
mod render;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let style = render::Style {
        color: false,
        max_diagnostics: 100,
    };
    let options = Options::default().with_entity("users");
    let diagnostics = match sift::compile(source, harvest(), &options) {
        Ok(compiled) => compiled.warnings,
        Err(diagnostics) => diagnostics,
    };
    let drawn = style.render(diagnostics, "fuzz.sift", source);
    // Escaping what was drawn changes nothing: no control or bidi character is left raw.
    assert!(
        matches!(render::escape(&drawn), std::borrow::Cow::Borrowed(_)),
        "a control or bidi character was drawn raw"
    );
    assert!(
        drawn.len() <= 100 * 4000 + 4 * source.len(),
        "{} bytes drawn for {} bytes of input",
        drawn.len(),
        source.len()
    );
});
