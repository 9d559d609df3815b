//! A referential and an assessment of it (NUL-separated): the assessment
//! validated and scored against a fuzzed referential, every output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(r) = sobriete_fuzz::referential_or_default(&docs, 0) else {
        return;
    };
    let Some(json) = sobriete_fuzz::nth(&docs, 1) else {
        sobriete_fuzz::exercise_referential(&r);
        return;
    };
    let _ = api::validate_json(json, Some(&r));
    if let Ok(a) = api::parse_assessment(json, &r) {
        sobriete_fuzz::exercise_assessment(&r, &a);
    }
});
