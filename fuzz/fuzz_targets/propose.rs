//! An assessment, a proposal request and an optional referential
//! (NUL-separated): the optimal plan, its rendering, and the plan document
//! built from it followed up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(r) = sobriete_fuzz::referential_or_default(&docs, 2) else {
        return;
    };
    let (Some(a_json), Some(req_json)) =
        (sobriete_fuzz::nth(&docs, 0), sobriete_fuzz::nth(&docs, 1))
    else {
        return;
    };
    let Ok(a) = api::parse_assessment(a_json, &r) else {
        return;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(req_json) else {
        return;
    };
    let Ok(request) = api::request_from_value(&value) else {
        return;
    };
    let Ok(p) = api::propose(&r, &a, &request) else {
        return;
    };
    if p.reachable {
        if let (Some(goal), Some(index)) = (p.target_index, p.index) {
            assert!(index + 1e-9 >= goal, "reachable plan below its target");
        }
    }
    if let Some(effort) = request.max_effort {
        assert!(p.total_effort <= effort, "plan over max_effort");
    }
    if let Some(budget) = request.max_budget {
        assert!(p.total_budget <= budget, "plan over max_budget");
    }
    for lang in sobriete_fuzz::LANGS {
        for format in sobriete_fuzz::FORMATS {
            let _ = sobriete::api::render_proposal(&p, format, lang);
        }
    }
    let plan = api::plan_from_proposal(&r, &a, &request, &p, "2026-01-01");
    let json = serde_json::to_string(&plan).unwrap_or_default();
    match api::parse_plan(&json, &r) {
        Ok(back) => {
            let _ = api::plan_status(&r, &back, None, "2026-06-30");
        }
        Err(e) => panic!("proposed plan does not validate: {e:?}"),
    }
});
