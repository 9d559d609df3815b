//! A crosswalk, the referential migrated to, an assessment and an optional
//! referential migrated from (NUL-separated; default when blank):
//! validation, inversion, migration, simulation and their reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(c_json) = sobriete_fuzz::nth(&docs, 0) else {
        return;
    };
    let _ = api::validate_json(c_json, None);
    let Ok(c) = api::parse_crosswalk(c_json) else {
        return;
    };
    if let Ok(inv) = api::invert_crosswalk(&c) {
        let _ = api::invert_crosswalk(&inv);
    }
    let Some(to) = sobriete_fuzz::nth(&docs, 1).and_then(|j| api::parse_referential(j).ok()) else {
        return;
    };
    let Some(from) = sobriete_fuzz::referential_or_default(&docs, 3) else {
        return;
    };
    let _ = api::validate_crosswalk(&c, &from, &to);
    let Some(a) = sobriete_fuzz::nth(&docs, 2).and_then(|j| api::parse_assessment(j, &from).ok())
    else {
        return;
    };
    if let Ok(m) = api::migrate(&from, &a, &c, &to) {
        for lang in sobriete_fuzz::LANGS {
            for format in sobriete_fuzz::FORMATS {
                let _ = sobriete::api::render_migration_report(&m.report, format, lang);
            }
        }
        let _ = api::score(&to, &m.assessment);
    }
    if let Ok(s) = api::simulate_migration(&from, &a, &c, &to) {
        for lang in sobriete_fuzz::LANGS {
            for format in sobriete_fuzz::FORMATS {
                let _ = sobriete::api::render_migration_simulation(&s, format, lang);
            }
        }
    }
});
