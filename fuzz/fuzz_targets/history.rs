//! Several assessments (NUL-separated; the first document is a referential,
//! blank for the default one): history, diffs, the evolution chart.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api;

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(r) = sobriete_fuzz::referential_or_default(&docs, 0) else {
        return;
    };
    let list: Vec<_> = docs
        .iter()
        .skip(1)
        .take(8)
        .filter_map(|j| api::parse_assessment(j, &r).ok())
        .collect();
    if let Ok(h) = api::history(&r, &list) {
        for lang in sobriete_fuzz::LANGS {
            for format in sobriete_fuzz::FORMATS {
                let _ = sobriete::api::render_history(&h, format, lang);
            }
        }
    }
    for pair in list.windows(2) {
        if let [before, after] = pair {
            let _ = api::diff(&r, before, after);
        }
    }
    for lang in sobriete_fuzz::LANGS {
        let _ = api::evolution_svg(&r, &list, None, lang);
    }
});
