//! Peers' results and an optional assessment of the default referential
//! (NUL-separated): rollup, comparison at several group sizes, its
//! rendering, the radar chart and the full report with peers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sobriete::api::{self, ReportInputs};

fuzz_target!(|data: &[u8]| {
    let docs = sobriete_fuzz::documents(data);
    let Some(p_json) = sobriete_fuzz::nth(&docs, 0) else {
        return;
    };
    let _ = api::validate_json(p_json, None);
    let Ok(peers) = api::parse_peers(p_json) else {
        return;
    };
    for expected in [
        None,
        Some(0),
        Some(1),
        Some(peers.peers.len()),
        Some(usize::MAX),
    ] {
        let _ = api::rollup(&peers, expected);
    }
    let Ok(r) = api::default_referential() else {
        return;
    };
    let Some(a) = sobriete_fuzz::nth(&docs, 1).and_then(|j| api::parse_assessment(j, r).ok())
    else {
        return;
    };
    for size in [None, Some(0), Some(1), Some(usize::MAX)] {
        if let Ok(c) = api::compare(r, &a, &peers, size) {
            for lang in sobriete_fuzz::LANGS {
                for format in sobriete_fuzz::FORMATS {
                    let _ = sobriete::api::render_peer_comparison(&c, format, lang);
                }
            }
        }
    }
    for lang in sobriete_fuzz::LANGS {
        let _ = api::radar_svg(r, &a, None, Some(&peers), lang);
    }
    let inputs = ReportInputs {
        peers: Some(&peers),
        min_group_size: Some(1),
        ..ReportInputs::default()
    };
    let _ = api::full_report(
        r,
        &a,
        &inputs,
        sobriete::ReportFormat::Html,
        sobriete::Lang::Fr,
    );
});
