//! Peer comparison, population bands and roll-up. Every expected number is
//! computed by hand in the comments next to it, from the definitions:
//! percentile rank = 100 × (below + ½ × equal) ÷ n; quartiles of type 7
//! (h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋])).

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::api::population_band;
use sobriete::api::Stats;
use sobriete::api::DEFAULT_MIN_GROUP_SIZE;
use sobriete::internals::compare;
use sobriete::internals::rollup;
use sobriete::internals::validate_peers;
use sobriete::model::peers::{PeerResult, PeerSet};
use sobriete::{api, IssueCode, ProfileKind};

/// A commune of 800 inhabitants in département 23, région 75, on
/// referential `reen` 1.2.0, with one theme `t1` scored `index / 2`.
fn commune(siren: &str, date: &str, index: Option<f64>) -> Value {
    json!({
        "profile": {
            "name": format!("Commune {siren}"),
            "kind": "commune",
            "population": 800,
            "siren": siren,
            "departement": "23",
            "region": "75"
        },
        "date": date,
        "referential": {"id": "reen", "version": "1.2.0"},
        "index": index,
        "themes": [{"id": "t1", "score": index.map(|x| x / 2.0)}]
    })
}

fn result(v: Value) -> PeerResult {
    serde_json::from_value(v).unwrap()
}

fn subject() -> PeerResult {
    result(commune("000000000", "2025-06-01", Some(35.0)))
}

/// Peers of the subject's stratum (same kind, band, département, région)
/// with these indexes.
fn peers_with(indexes: &[f64]) -> Vec<PeerResult> {
    indexes
        .iter()
        .enumerate()
        .map(|(i, &x)| result(commune(&format!("1000000{i:02}"), "2025-01-01", Some(x))))
        .collect()
}

fn national(c: &sobriete::api::PeerComparison) -> &sobriete::api::Stratum {
    c.strata.iter().find(|s| s.id == "national").unwrap()
}

#[test]
fn percentile_rank_and_quartiles_on_an_even_set() {
    // Sorted: 12 20 35 47 50 81 (n = 6); subject 35.
    // Rank: below 2 (12, 20), equal 1 → 100 × (2 + 0.5) ÷ 6 = 41.666… → 41.67.
    // Median: h = 5 × 0.5 = 2.5 → 35 + 0.5 × (47 − 35) = 41.
    // Q1: h = 5 × 0.25 = 1.25 → 20 + 0.25 × (35 − 20) = 23.75.
    // Q3: h = 5 × 0.75 = 3.75 → 47 + 0.75 × (50 − 47) = 49.25.
    let peers = peers_with(&[50.0, 12.0, 81.0, 35.0, 20.0, 47.0]);
    let c = compare(&subject(), &peers, DEFAULT_MIN_GROUP_SIZE);
    assert_eq!(c.compared, 6);
    assert_eq!(c.subject_index, Some(35.0));
    let expected = Stats {
        percentile_rank: Some(41.67),
        median: 41.0,
        q1: 23.75,
        q3: 49.25,
        min: 12.0,
        max: 81.0,
        n: 6,
    };
    for s in &c.strata {
        assert!(s.shown, "{}", s.id);
        assert_eq!(s.size, 6);
        assert_eq!(s.reason, None);
        assert_eq!(s.index.as_ref(), Some(&expected), "{}", s.id);
    }
    // Theme t1 = index / 2: 6 10 17.5 23.5 25 40.5, subject 17.5.
    // Rank 41.67 again; median 17.5 + 0.5 × 6 = 20.5; Q1 10 + 0.25 × 7.5 =
    // 11.875 → 11.88; Q3 23.5 + 0.75 × 1.5 = 24.625 → 24.63.
    let t1 = national(&c).themes[0].stats.clone().unwrap();
    assert_eq!(national(&c).themes[0].id, "t1");
    assert_eq!(t1.percentile_rank, Some(41.67));
    assert_eq!(t1.median, 20.5);
    assert_eq!(t1.q1, 11.88);
    assert_eq!(t1.q3, 24.63);
    assert_eq!((t1.min, t1.max, t1.n), (6.0, 40.5, 6));
}

#[test]
fn percentile_rank_and_quartiles_on_an_odd_set() {
    // Sorted: 10 20 30 40 50 60 90 (n = 7); subject 40.
    // Rank: below 3, equal 1 → 100 × 3.5 ÷ 7 = 50.
    // Median: h = 6 × 0.5 = 3 → 40.
    // Q1: h = 1.5 → 20 + 0.5 × 10 = 25. Q3: h = 4.5 → 50 + 0.5 × 10 = 55.
    let peers = peers_with(&[90.0, 10.0, 60.0, 20.0, 50.0, 30.0, 40.0]);
    let mut me = subject();
    me.index = Some(40.0);
    let s = national(&compare(&me, &peers, 5)).index.clone().unwrap();
    assert_eq!(s.percentile_rank, Some(50.0));
    assert_eq!((s.median, s.q1, s.q3), (40.0, 25.0, 55.0));
    assert_eq!((s.min, s.max, s.n), (10.0, 90.0, 7));
}

#[test]
fn ties_count_half() {
    // Sorted: 40 50 50 60 70; subject 50: below 1, equal 2 →
    // 100 × (1 + 0.5 × 2) ÷ 5 = 40. Median h = 2 → 50; Q1 h = 1 → 50;
    // Q3 h = 3 → 60.
    let mut me = subject();
    me.index = Some(50.0);
    let s = national(&compare(
        &me,
        &peers_with(&[50.0, 70.0, 40.0, 60.0, 50.0]),
        5,
    ))
    .index
    .clone()
    .unwrap();
    assert_eq!(s.percentile_rank, Some(40.0));
    assert_eq!((s.median, s.q1, s.q3), (50.0, 50.0, 60.0));
    // Every peer equal to the subject: 100 × (0 + 0.5 × 5) ÷ 5 = 50.
    let s = national(&compare(&me, &peers_with(&[50.0; 5]), 5))
        .index
        .clone()
        .unwrap();
    assert_eq!(s.percentile_rank, Some(50.0));
    // Subject above every peer: 100 × 5 ÷ 5 = 100.
    me.index = Some(99.0);
    let s = national(&compare(&me, &peers_with(&[50.0; 5]), 5))
        .index
        .clone()
        .unwrap();
    assert_eq!(s.percentile_rank, Some(100.0));
}

#[test]
fn none_values_are_skipped_and_subject_without_index_has_no_rank() {
    // Indexes 10, 20, none, 30, 40, 50: n = 5 non-none, median 30.
    let mut peers = peers_with(&[10.0, 20.0, 0.0, 30.0, 40.0, 50.0]);
    peers[2].index = None;
    let mut me = subject();
    me.index = None;
    let c = compare(&me, &peers, 5);
    assert_eq!(c.subject_index, None);
    let n = national(&c);
    assert_eq!(n.size, 6);
    let s = n.index.clone().unwrap();
    assert_eq!((s.n, s.median, s.percentile_rank), (5, 30.0, None));
    // With a minimum of 6, the stratum (6 peers) is shown but only 5 have an
    // index: the index statistics stay hidden.
    let n = national(&compare(&me, &peers, 6)).clone();
    assert!(n.shown);
    assert_eq!(n.index, None);
}

#[test]
fn small_stratum_is_hidden_with_its_reason() {
    // 3 communes of the subject's band and département, 2 larger communes
    // (10 000 inhabitants) of another département in the same région:
    // kind_band 3 and departement 3 are hidden; région 5 and national 5 shown.
    let mut peers = peers_with(&[10.0, 20.0, 30.0]);
    for (i, x) in [40.0, 50.0].into_iter().enumerate() {
        let mut v = commune(&format!("20000000{i}"), "2025-01-01", Some(x));
        v["profile"]["population"] = json!(10_000);
        v["profile"]["departement"] = json!("87");
        peers.push(result(v));
    }
    let c = compare(&subject(), &peers, DEFAULT_MIN_GROUP_SIZE);
    let ids: Vec<&str> = c.strata.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["kind_band", "departement", "region", "national"]);
    let kb = &c.strata[0];
    assert_eq!(kb.label, "Communes de 500 à 999 habitants");
    assert_eq!(kb.size, 3);
    assert!(!kb.shown);
    assert_eq!(
        kb.reason.as_deref(),
        Some("moins de 5 collectivités comparables (3) : statistiques masquées pour préserver l’anonymat")
    );
    assert_eq!(kb.index, None);
    assert_eq!(kb.themes.len(), 1);
    assert_eq!(kb.themes[0].stats, None);
    let dep = &c.strata[1];
    assert_eq!((dep.size, dep.shown, dep.index.is_none()), (3, false, true));
    assert_eq!(dep.label, "Collectivités du département 23");
    let reg = &c.strata[2];
    assert_eq!((reg.size, reg.shown, reg.reason.is_none()), (5, true, true));
    // Région: 10 20 30 40 50, subject 35: below 3 → 100 × 3 ÷ 5 = 60; median 30.
    let s = reg.index.clone().unwrap();
    assert_eq!((s.percentile_rank, s.median), (Some(60.0), 30.0));
    assert!(c.strata[3].shown);
    // A custom minimum changes the threshold and the message.
    let c = compare(&subject(), &peers, 6);
    assert!(c.strata.iter().all(|s| !s.shown && s.index.is_none()));
    assert_eq!(
        c.strata[3].reason.as_deref(),
        Some("moins de 6 collectivités comparables (5) : statistiques masquées pour préserver l’anonymat")
    );
}

#[test]
fn departement_and_region_strata_absent_without_codes() {
    let mut me = subject();
    me.profile.departement = None;
    me.profile.region = None;
    let c = compare(&me, &peers_with(&[1.0, 2.0, 3.0, 4.0, 5.0]), 5);
    let ids: Vec<&str> = c.strata.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["kind_band", "national"]);
}

#[test]
fn older_results_of_a_peer_are_ignored() {
    // Peer 100000000: 2025 result 90 listed before its 2020 result 10 and a
    // 2023 result 5. Only 90 counts; the other two are "older".
    let mut peers = peers_with(&[20.0, 30.0, 40.0, 50.0]);
    peers.insert(0, result(commune("100000000", "2020-03-01", Some(10.0))));
    peers.push(result(commune("100000000", "2023-03-01", Some(5.0))));
    peers[1] = result(commune("100000000", "2025-03-01", Some(90.0)));
    // Peers now: 100000000 ×3 (10 @2020, 90 @2025, 5 @2023), 100000001..3 (30 40 50).
    let c = compare(&subject(), &peers, 1);
    assert_eq!(c.excluded_older, 2);
    assert_eq!(c.compared, 4);
    let s = national(&c).index.clone().unwrap();
    // Values 30 40 50 90: min 30, max 90, median h = 1.5 → 40 + 0.5 × 10 = 45.
    assert_eq!((s.min, s.max, s.median, s.n), (30.0, 90.0, 45.0, 4));
}

#[test]
fn identity_falls_back_to_insee_then_kind_and_name() {
    // Two results with the same INSEE code and no SIREN: one peer.
    // Two results with neither, same kind and name: one peer.
    let mut a = commune("x", "2024-01-01", Some(10.0));
    a["profile"].as_object_mut().unwrap().remove("siren");
    a["profile"]["insee"] = json!("23096");
    let mut a2 = a.clone();
    a2["date"] = json!("2025-01-01");
    a2["index"] = json!(20.0);
    let mut b = commune("x", "2024-01-01", Some(30.0));
    b["profile"].as_object_mut().unwrap().remove("siren");
    b["profile"]["name"] = json!("Sans code");
    let mut b2 = b.clone();
    b2["date"] = json!("2025-01-01");
    b2["index"] = json!(40.0);
    let peers: Vec<PeerResult> = [a, a2, b, b2].into_iter().map(result).collect();
    let c = compare(&subject(), &peers, 1);
    assert_eq!((c.compared, c.excluded_older), (2, 2));
    let s = national(&c).index.clone().unwrap();
    assert_eq!((s.min, s.max), (20.0, 40.0));
}

#[test]
fn other_referential_or_major_version_is_excluded() {
    let mut peers = peers_with(&[10.0, 20.0, 30.0, 40.0, 50.0]);
    // 100000000 on 1.5.3: same major, kept.
    peers[0].referential.version = "1.5.3".into();
    // 100000001 on 2.0.0: another major, excluded.
    peers[1].referential.version = "2.0.0".into();
    // 100000002 on another referential id, excluded.
    peers[2].referential.id = "autre".into();
    // 100000003: an older result on 1.2.0 and a latest on 2.1.0: the latest
    // counts, and it is on another major → excluded (1 older, 1 other).
    peers.push(result(commune("100000003", "2019-01-01", Some(99.0))));
    peers[3].referential.version = "2.1.0".into();
    let c = compare(&subject(), &peers, 1);
    assert_eq!(c.excluded_other_referential, 3);
    assert_eq!(c.excluded_older, 1);
    assert_eq!(c.compared, 2);
    // Kept: 10 (1.5.3) and 50 (1.2.0).
    let s = national(&c).index.clone().unwrap();
    assert_eq!((s.min, s.max, s.n), (10.0, 50.0, 2));
}

#[test]
fn subject_is_excluded_from_its_own_peers() {
    // The subject's own results (same SIREN, other dates, even another
    // name) are not peers and are not counted as "older" either.
    let mut peers = peers_with(&[10.0, 20.0, 30.0, 40.0, 50.0]);
    peers.push(subject());
    let mut old = commune("000000000", "2021-01-01", Some(0.0));
    old["profile"]["name"] = json!("Ancien nom");
    peers.push(result(old));
    let c = compare(&subject(), &peers, 5);
    assert_eq!(
        (c.compared, c.excluded_older, c.excluded_other_referential),
        (5, 0, 0)
    );
    let s = national(&c).index.clone().unwrap();
    // 10 20 30 40 50, subject 35: below 3 → 60.
    assert_eq!((s.n, s.min, s.percentile_rank), (5, 10.0, Some(60.0)));
}

#[test]
fn population_bands_at_their_edges() {
    let c = ProfileKind::Commune;
    let b = population_band(c, 499);
    assert_eq!((b.min, b.max, b.label.as_str()), (0, Some(499), "0–499"));
    let b = population_band(c, 500);
    assert_eq!(
        (b.min, b.max, b.label.as_str()),
        (500, Some(999), "500–999")
    );
    let b = population_band(c, 3_499);
    assert_eq!(
        (b.min, b.max, b.label.as_str()),
        (1_000, Some(3_499), "1\u{202f}000–3\u{202f}499")
    );
    let b = population_band(c, 3_500);
    assert_eq!((b.min, b.max), (3_500, Some(4_999)));
    let b = population_band(c, 99_999);
    assert_eq!((b.min, b.max), (50_000, Some(99_999)));
    let b = population_band(c, 100_000);
    assert_eq!(
        (b.min, b.max, b.label.as_str()),
        (100_000, None, "100\u{202f}000 et plus")
    );
    assert_eq!(population_band(c, 0).min, 0);
    assert_eq!(population_band(c, u32::MAX).min, 100_000);

    let g = ProfileKind::CommunauteDeCommunes;
    assert_eq!(population_band(g, 499).max, Some(3_499));
    let b = population_band(g, 49_999);
    assert_eq!((b.min, b.max), (20_000, Some(49_999)));
    let b = population_band(g, 50_000);
    assert_eq!(
        (b.min, b.max, b.label.as_str()),
        (50_000, Some(199_999), "50\u{202f}000–199\u{202f}999")
    );
    let b = population_band(g, 199_999);
    assert_eq!((b.min, b.max), (50_000, Some(199_999)));
    let b = population_band(g, 200_000);
    assert_eq!((b.min, b.max), (200_000, Some(499_999)));
    let b = population_band(ProfileKind::Region, 500_000);
    assert_eq!((b.min, b.max), (500_000, None));
    // Every kind but communes uses the grouping bands.
    assert_eq!(
        population_band(ProfileKind::SyndicatOrOpsn, 60_000).min,
        50_000
    );
}

#[test]
fn kind_band_stratum_uses_kind_and_band() {
    // Subject: communauté de communes of 60 000 (band 50 000–199 999).
    // Peers: CC of 50 000 and 199 999 (in), CC of 200 000 (out), commune of
    // 60 000 (other kind, out).
    let mk = |kind: &str, pop: u32, siren: &str| {
        let mut v = commune(siren, "2025-01-01", Some(50.0));
        v["profile"]["kind"] = json!(kind);
        v["profile"]["population"] = json!(pop);
        result(v)
    };
    let me = mk("communaute_de_communes", 60_000, "900000000");
    let peers = vec![
        mk("communaute_de_communes", 50_000, "900000001"),
        mk("communaute_de_communes", 199_999, "900000002"),
        mk("communaute_de_communes", 200_000, "900000003"),
        mk("commune", 60_000, "900000004"),
    ];
    let c = compare(&me, &peers, 1);
    assert_eq!(
        c.strata[0].label,
        "Communautés de communes de 50\u{202f}000 à 199\u{202f}999 habitants"
    );
    assert_eq!(c.strata[0].size, 2);
    assert_eq!(national(&c).size, 4);
    let small = population_band(ProfileKind::Commune, 10);
    assert_eq!(small.label, "0–499");
    let me = mk("commune", 10, "900000005");
    assert_eq!(
        compare(&me, &[], 1).strata[0].label,
        "Communes de moins de 500 habitants"
    );
    let me = mk("metropole", 600_000, "900000006");
    assert_eq!(
        compare(&me, &[], 1).strata[0].label,
        "Métropoles de 500\u{202f}000 habitants et plus"
    );
}

#[test]
fn rollup_plain_and_population_weighted() {
    // Latest results: A (100 inh., 80, t1 50), B (900 inh., 40, t1 100),
    // C (1 000 inh., no index, no t1 score), D (0 inh., 100, no themes).
    // An older A (index 0) is ignored. Expected members: 5.
    let mk = |siren: &str, pop: u32, date: &str, index: Option<f64>, t1: Option<f64>| {
        let mut v = commune(siren, date, index);
        v["profile"]["population"] = json!(pop);
        v["themes"] = json!([{"id": "t1", "score": t1}]);
        result(v)
    };
    let mut d = mk("400000000", 0, "2025-01-01", Some(100.0), None);
    d.themes.clear();
    let members = vec![
        mk("100000000", 100, "2020-01-01", Some(0.0), Some(0.0)),
        mk("100000000", 100, "2025-01-01", Some(80.0), Some(50.0)),
        mk("200000000", 900, "2025-01-01", Some(40.0), Some(100.0)),
        mk("300000000", 1_000, "2025-01-01", None, None),
        d,
    ];
    let r = rollup(&members, Some(5));
    // Members 4 of 5 → completeness 80.
    assert_eq!(
        (r.members, r.expected_members, r.completeness),
        (4, Some(5), Some(80.0))
    );
    assert_eq!(r.indexed, 3);
    // Mean (80 + 40 + 100) ÷ 3 = 73.333… → 73.33.
    assert_eq!(r.mean, Some(73.33));
    // Weighted (100 × 80 + 900 × 40 + 0 × 100) ÷ (100 + 900 + 0) = 44000 ÷ 1000 = 44.
    assert_eq!(r.population_weighted_mean, Some(44.0));
    // Sorted 40 80 100 → median 80, min 40, max 100.
    assert_eq!(
        (r.median, r.min, r.max),
        (Some(80.0), Some(40.0), Some(100.0))
    );
    // 40 → 40–60, 80 → 80–100, 100 → 80–100 (last bucket includes 100).
    let counts: Vec<usize> = r.distribution.iter().map(|b| b.count).collect();
    assert_eq!(counts, [0, 0, 1, 0, 2]);
    assert_eq!(
        (r.distribution[4].from, r.distribution[4].to),
        (80.0, 100.0)
    );
    // t1: mean (50 + 100) ÷ 2 = 75; weighted (100 × 50 + 900 × 100) ÷ 1000 = 95.
    assert_eq!(r.themes.len(), 1);
    assert_eq!(r.themes[0].id, "t1");
    assert_eq!(r.themes[0].mean, Some(75.0));
    assert_eq!(r.themes[0].population_weighted_mean, Some(95.0));

    // No expected count: no completeness. Nobody: every figure empty.
    assert_eq!(rollup(&members, None).completeness, None);
    let empty = rollup(&[], Some(10));
    assert_eq!(
        (empty.members, empty.completeness, empty.mean, empty.median),
        (0, Some(0.0), None, None)
    );
    // Only a member of population 0 with an index: weighted mean undefined.
    let zero = rollup(&members[4..], None);
    assert_eq!(
        (zero.mean, zero.population_weighted_mean),
        (Some(100.0), None)
    );
}

#[test]
fn validate_peers_reports_every_problem_with_its_path() {
    let good = commune("100000000", "2025-01-01", Some(50.0));
    let mut bad = commune("100000001", "2025-13-01", Some(100.5));
    bad["referential"]["version"] = json!("v1");
    bad["referential"]["id"] = json!(" ");
    bad["themes"] = json!([{"id": "t1", "score": -1.0}, {"id": "t1", "score": 10.0}, {"id": "", "score": null}]);
    let dup = commune("100000000", "2025-01-01", Some(60.0));
    let set: PeerSet = serde_json::from_value(json!({"peers": [good, bad, dup]})).unwrap();
    let issues = validate_peers(&set);
    let got: Vec<(IssueCode, &str)> = issues.iter().map(|i| (i.code, i.path.as_str())).collect();
    assert_eq!(
        got,
        [
            (IssueCode::InvalidDate, "/peers/1/date"),
            (IssueCode::EmptyText, "/peers/1/referential/id"),
            (IssueCode::InvalidVersion, "/peers/1/referential/version"),
            (IssueCode::ValueOutOfRange, "/peers/1/index"),
            (IssueCode::ValueOutOfRange, "/peers/1/themes/0/score"),
            (IssueCode::DuplicateId, "/peers/1/themes/1/id"),
            (IssueCode::EmptyText, "/peers/1/themes/2/id"),
            (IssueCode::DuplicateId, "/peers/2/date"),
        ]
    );
    assert!(issues.iter().all(|i| i.is_error()));
    let ok: PeerSet =
        serde_json::from_value(json!({"peers": [commune("1", "2025-01-01", None)]})).unwrap();
    assert!(validate_peers(&ok).is_empty());
    // Unknown fields are refused.
    let mut extra = commune("1", "2025-01-01", None);
    extra["grade"] = json!("A");
    assert!(serde_json::from_value::<PeerResult>(extra).is_err());
}

#[test]
fn from_report_carries_profile_date_referential_index_and_themes() {
    let referential = api::default_referential().unwrap();
    let assessment = api::template(referential, 1, None, Some("2026-01-15")).unwrap();
    let report = sobriete::internals::score(referential, &assessment, vec![]);
    let p = PeerResult::from_report(&report);
    assert_eq!(p.profile, report.profile);
    assert_eq!(p.date, "2026-01-15");
    assert_eq!(p.referential, report.referential);
    assert_eq!(p.index, Some(0.0));
    assert_eq!(p.themes.len(), report.themes.len());
    assert_eq!(p.themes[0].id, report.themes[0].id);
    assert_eq!(p.themes[0].score, report.themes[0].score);
    // It round-trips through JSON.
    let back: PeerResult = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}
