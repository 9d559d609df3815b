//! An assessment of the default referential as JSON text: validation,
//! score, every report format in both languages, CSV, charts, candidates,
//! the REEN review, and a full report with a target (so a proposal).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api::{self, ReportInputs};
use sobriete::model::target::Target;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let Ok(r) = api::default_referential() else {
        return;
    };
    let _ = api::validate_json(&json, None);
    let Ok(a) = api::parse_assessment(&json, r) else {
        return;
    };
    sobriete_fuzz::exercise_assessment(r, &a);
    // One full report with a target: its gap and the proposed plan, every
    // format of the proposal, the HTML page with everything.
    let target = Target::index(75.0);
    let inputs = ReportInputs {
        target: Some(&target),
        ..ReportInputs::default()
    };
    if let Ok(data) = api::full_report_data(r, &a, &inputs) {
        if let Some(p) = &data.proposal {
            for lang in sobriete_fuzz::LANGS {
                for format in sobriete_fuzz::FORMATS {
                    let _ = sobriete::api::render_proposal(p, format, lang);
                }
            }
        }
    }
    let _ = api::full_report(
        r,
        &a,
        &inputs,
        sobriete::ReportFormat::Html,
        sobriete::Lang::Fr,
    );
});
