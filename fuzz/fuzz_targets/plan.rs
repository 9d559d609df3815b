//! A plan, an optional baseline assessment and an optional referential
//! (NUL-separated; blank = absent, default referential): validation,
//! follow-up at several dates in every format, CSV, the next assessment,
//! the progress series and the full report with the plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api::{self, ReportInputs};

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(r) = sobriete_fuzz::referential_or_default(&docs, 2) else {
        return;
    };
    let Some(plan_json) = sobriete_fuzz::nth(&docs, 0) else {
        return;
    };
    let _ = api::validate_json(plan_json, Some(&r));
    let Ok(plan) = api::parse_plan(plan_json, &r) else {
        return;
    };
    let baseline = sobriete_fuzz::nth(&docs, 1).and_then(|j| api::parse_assessment(j, &r).ok());
    let mut dates = vec![
        "2026-06-30".to_owned(),
        "1970-01-01".to_owned(),
        "9999-12-31".to_owned(),
    ];
    dates.push(plan.created.clone());
    for as_of in &dates {
        if let Ok(status) = api::plan_status(&r, &plan, baseline.as_ref(), as_of) {
            for lang in sobriete_fuzz::LANGS {
                for format in sobriete_fuzz::FORMATS {
                    let _ = sobriete::api::render_plan_status(&status, format, lang);
                }
            }
        }
    }
    for lang in sobriete_fuzz::LANGS {
        let _ = api::plan_csv(&r, &plan, lang);
    }
    let Some(previous) = baseline.as_ref().or(plan.baseline.as_ref()) else {
        return;
    };
    if let Ok(next) = api::next_assessment(&r, previous, &plan, "2027-01-01") {
        // The draft is a valid assessment of the same referential.
        let json = serde_json::to_string(&next).unwrap_or_default();
        if let Err(e) = api::parse_assessment(&json, &r) {
            panic!("next assessment does not validate: {e:?}");
        }
        let series = [previous.clone(), next];
        let _ = api::progress_series(&r, &series, &plan);
        let _ = api::evolution_svg(&r, &series, Some(&plan), sobriete::Lang::En);
    }
    let history = [previous.clone()];
    let inputs = ReportInputs {
        plan: Some(&plan),
        history: &history,
        ..ReportInputs::default()
    };
    for format in [
        sobriete::ReportFormat::Html,
        sobriete::ReportFormat::Markdown,
    ] {
        let _ = api::full_report(&r, previous, &inputs, format, sobriete::Lang::Fr);
    }
});
