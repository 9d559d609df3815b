//! A referential as JSON text: validation (of any document kind, as
//! `validate` recognises it), parsing, Markdown, templates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    // Recognises any document kind: referential, assessment, plan, peers,
    // crosswalk (checked against the default referential).
    let _ = api::validate_json_report(&json, None);
    if let Ok(r) = api::parse_referential(&json) {
        sobriete_fuzz::exercise_referential(&r);
    }
});
