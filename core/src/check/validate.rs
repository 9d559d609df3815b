//! Semantic validation of referentials and assessments. Every problem is
//! collected with a JSON-pointer path; nothing stops at the first one.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::scoring::{answers_at, Facts, Visibility};
use crate::input::parse::join;
use crate::model::assessment::{Answer, Assessment};
use crate::model::error::{Issue, IssueCode};
use crate::model::referential::{
    AnswerOption, Band, Condition, Outcome, Question, References, Referential, Response,
};
use crate::model::text::Text;

/// Largest number of points an option, a band or a yes/no answer may carry.
pub const MAX_POINTS: i64 = 1_000_000;
pub use crate::input::limits::MAX_ID_LEN;

pub(crate) fn check_id(id: &str, path: &str, issues: &mut Vec<Issue>) {
    let bad = if id.is_empty() {
        Some("is empty")
    } else if id.chars().count() > MAX_ID_LEN {
        Some("is longer than 200 characters")
    } else if id.trim() != id {
        Some("has leading or trailing spaces")
    } else if id.chars().any(char::is_control) {
        Some("contains control characters")
    } else {
        None
    };
    if let Some(why) = bad {
        issues.push(Issue::error(
            IssueCode::InvalidId,
            path,
            format!("id {id:?} {why}"),
        ));
    }
}

pub(crate) fn check_text(text: &Text, path: &str, issues: &mut Vec<Issue>) {
    if text.fr.trim().is_empty() {
        issues.push(Issue::error(
            IssueCode::EmptyText,
            join(path, "fr"),
            "the French text is empty",
        ));
    }
    if let Some(en) = &text.en {
        if en.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::EmptyText,
                join(path, "en"),
                "the English text is empty (omit it instead)",
            ));
        }
    }
}

fn check_weight(weight: f64, path: &str, issues: &mut Vec<Issue>) {
    if !(weight.is_finite() && weight > 0.0 && weight <= 1e6) {
        issues.push(Issue::error(
            IssueCode::InvalidWeight,
            path,
            format!("weight must be a finite number > 0 and ≤ 1000000, got {weight}"),
        ));
    }
}

fn check_points(points: i64, path: &str, issues: &mut Vec<Issue>) {
    if points < 0 {
        issues.push(Issue::error(
            IssueCode::NegativePoints,
            path,
            format!("points must be ≥ 0, got {points}"),
        ));
    } else if points > MAX_POINTS {
        issues.push(Issue::error(
            IssueCode::PointsTooLarge,
            path,
            format!("points must be ≤ {MAX_POINTS}, got {points}"),
        ));
    }
}

/// Records ids and reports duplicates.
pub(crate) fn unique<'a>(
    seen: &mut BTreeMap<&'a str, usize>,
    id: &'a str,
    index: usize,
    path: &str,
    what: &str,
    issues: &mut Vec<Issue>,
) {
    if let Some(first) = seen.get(id) {
        issues.push(Issue::error(
            IssueCode::DuplicateId,
            path,
            format!("{what} id {id:?} is already used by {what} #{first}"),
        ));
    } else {
        seen.insert(id, index);
    }
}

/// Validates a referential; returns every problem found (errors and warnings).
pub fn validate_referential(r: &Referential) -> Vec<Issue> {
    // Ids that look alike (case, Unicode forms, invisible characters).
    let mut issues = crate::input::ids::check_referential(r);
    check_header(r, &mut issues);
    check_themes(r, &mut issues);
    let mut question_ids = BTreeMap::new();
    for (i, q) in r.questions.iter().enumerate() {
        let p = format!("/questions/{i}");
        check_id(&q.id, &join(&p, "id"), &mut issues);
        unique(
            &mut question_ids,
            &q.id,
            i,
            &join(&p, "id"),
            "question",
            &mut issues,
        );
        check_question(r, q, &p, &mut issues);
    }
    // Conditions (need every question known).
    for (i, q) in r.questions.iter().enumerate() {
        if let Some(c) = &q.condition {
            validate_condition(r, q, c, &format!("/questions/{i}/condition"), &mut issues);
        }
    }
    check_cycles(r, &mut issues);
    check_actions(r, &mut issues);
    check_requires(r, &mut issues);
    validate_grades(r, &mut issues);
    check_changes(r, &mut issues);
    issues
}

/// Checks the referential's id, version, title and description, and that it
/// has themes and questions.
fn check_header(r: &Referential, issues: &mut Vec<Issue>) {
    check_id(&r.id, "/id", issues);
    check_version(&r.version, "/version", issues);
    check_text(&r.title, "/title", issues);
    if let Some(d) = &r.description {
        check_text(d, "/description", issues);
    }
    if r.themes.is_empty() {
        issues.push(Issue::error(
            IssueCode::EmptyReferential,
            "/themes",
            "the referential has no theme",
        ));
    }
    if r.questions.is_empty() {
        issues.push(Issue::error(
            IssueCode::EmptyReferential,
            "/questions",
            "the referential has no question",
        ));
    }
}

/// Checks every theme and sub-theme: ids unique, texts and weights valid.
fn check_themes(r: &Referential, issues: &mut Vec<Issue>) {
    let mut theme_ids = BTreeMap::new();
    for (i, t) in r.themes.iter().enumerate() {
        let p = format!("/themes/{i}");
        check_id(&t.id, &join(&p, "id"), issues);
        unique(&mut theme_ids, &t.id, i, &join(&p, "id"), "theme", issues);
        check_text(&t.title, &join(&p, "title"), issues);
        if let Some(d) = &t.description {
            check_text(d, &join(&p, "description"), issues);
        }
        check_weight(t.weight, &join(&p, "weight"), issues);
        let mut sub_ids = BTreeMap::new();
        for (j, s) in t.sub_themes.iter().enumerate() {
            let sp = format!("{p}/sub_themes/{j}");
            check_id(&s.id, &join(&sp, "id"), issues);
            unique(
                &mut sub_ids,
                &s.id,
                j,
                &join(&sp, "id"),
                "sub-theme",
                issues,
            );
            check_text(&s.title, &join(&sp, "title"), issues);
        }
    }
}

/// Checks one question (at path `p`) apart from its id and its condition:
/// theme, level, texts, weight, response, points, applicability, references.
fn check_question(r: &Referential, q: &Question, p: &str, issues: &mut Vec<Issue>) {
    match r.theme(&q.theme) {
        None => issues.push(Issue::error(
            IssueCode::UnknownTheme,
            join(p, "theme"),
            format!("theme {:?} does not exist", q.theme),
        )),
        Some(t) => {
            if let Some(s) = &q.sub_theme {
                if !t.sub_themes.iter().any(|st| &st.id == s) {
                    issues.push(Issue::error(
                        IssueCode::UnknownSubTheme,
                        join(p, "sub_theme"),
                        format!("theme {:?} has no sub-theme {s:?}", t.id),
                    ));
                }
            }
        }
    }
    if !(1..=2).contains(&q.level) {
        issues.push(Issue::error(
            IssueCode::InvalidLevel,
            join(p, "level"),
            format!("level must be 1 or 2, got {}", q.level),
        ));
    }
    check_text(&q.prompt, &join(p, "prompt"), issues);
    check_text(&q.rationale, &join(p, "rationale"), issues);
    if let Some(h) = &q.help {
        check_text(h, &join(p, "help"), issues);
    }
    check_weight(q.weight, &join(p, "weight"), issues);
    validate_response(&q.response, &join(p, "response"), issues);
    if q.require_justification && !q.allow_not_applicable {
        issues.push(Issue::warning(
            IssueCode::JustificationWithoutNotApplicable,
            join(p, "require_justification"),
            "a justification is required but \"not applicable\" is not allowed",
        ));
    }
    // Éco-clic points of an answer the question refuses are never
    // earned nor counted: no more to check than any points.
    for (name, points) in [
        ("eco_clic_not_applicable", q.eco_clic_not_applicable),
        ("eco_clic_dont_know", q.eco_clic_dont_know),
    ] {
        if let Some(points) = points {
            check_points(i64::from(points), &join(p, name), issues);
        }
    }
    if let Some(a) = &q.applies_to {
        if let (Some(min), Some(max)) = (a.min_population, a.max_population) {
            if min > max {
                issues.push(Issue::error(
                    IssueCode::InvalidPopulationRange,
                    join(p, "applies_to"),
                    format!("min_population {min} is above max_population {max}"),
                ));
            }
        }
    }
    check_references(&q.references, &join(p, "references"), issues);
}

/// Checks every action: ids unique, texts, REEN area, references, and the
/// questions it addresses with the outcomes it leads to.
fn check_actions(r: &Referential, issues: &mut Vec<Issue>) {
    let mut action_ids = BTreeMap::new();
    for (i, a) in r.actions.iter().enumerate() {
        let p = format!("/actions/{i}");
        check_id(&a.id, &join(&p, "id"), issues);
        unique(&mut action_ids, &a.id, i, &join(&p, "id"), "action", issues);
        check_text(&a.title, &join(&p, "title"), issues);
        if let Some(d) = &a.description {
            check_text(d, &join(&p, "description"), issues);
        }
        if let Some(area) = a.reen_area {
            if !(1..=6).contains(&area) {
                issues.push(Issue::error(
                    IssueCode::InvalidReenArea,
                    join(&p, "reen_area"),
                    format!("REEN decree areas are numbered 1 to 6, got {area}"),
                ));
            }
        }
        check_references(&a.references, &join(&p, "references"), issues);
        if a.addresses.is_empty() {
            issues.push(Issue::error(
                IssueCode::ActionWithoutQuestion,
                join(&p, "addresses"),
                "the action addresses no question",
            ));
        }
        for (j, ad) in a.addresses.iter().enumerate() {
            let ap = format!("{p}/addresses/{j}");
            match r.question(&ad.question) {
                None => issues.push(Issue::error(
                    IssueCode::UnknownQuestion,
                    join(&ap, "question"),
                    format!("question {:?} does not exist", ad.question),
                )),
                Some(q) => validate_outcome(q, &ad.leads_to, &join(&ap, "leads_to"), issues),
            }
        }
    }
}

/// REEN areas 1–6; web addresses (reports make links of them, so only
/// `http(s)` ones, never `javascript:` or a relative path); legal texts named.
fn check_references(refs: &References, path: &str, issues: &mut Vec<Issue>) {
    for (j, area) in refs.reen_areas.iter().enumerate() {
        if !(1..=6).contains(area) {
            issues.push(Issue::error(
                IssueCode::InvalidReenArea,
                format!("{path}/reen_areas/{j}"),
                format!("REEN decree areas are numbered 1 to 6, got {area}"),
            ));
        }
    }
    let mut check_url = |url: &str, at: String| {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let host_ok = rest.is_some_and(|r| {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !host.contains(['@', ' '])
        });
        if !host_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            issues.push(Issue::error(
                IssueCode::InvalidValue,
                at,
                format!("{url:?} is not a web address (http:// or https://, then a host)"),
            ));
        }
    };
    for (j, l) in refs.legal.iter().enumerate() {
        check_url(&l.url, format!("{path}/legal/{j}/url"));
    }
    for (j, url) in refs.urls.iter().enumerate() {
        check_url(url, format!("{path}/urls/{j}"));
    }
    for (j, l) in refs.legal.iter().enumerate() {
        if l.text.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::EmptyText,
                format!("{path}/legal/{j}/text"),
                "the legal reference names no text",
            ));
        }
    }
}

/// A version must be semantic versioning.
fn check_version(version: &str, path: &str, issues: &mut Vec<Issue>) {
    if semver::Version::parse(version).is_err() {
        issues.push(Issue::error(
            IssueCode::InvalidVersion,
            path,
            format!("version {version:?} is not semantic versioning (MAJOR.MINOR.PATCH)"),
        ));
    }
}

/// The changelog: semantic versions, no empty item.
fn check_changes(r: &Referential, issues: &mut Vec<Issue>) {
    for (i, c) in r.changes.iter().enumerate() {
        let p = format!("/changes/{i}");
        check_version(&c.version, &join(&p, "version"), issues);
        if let Some(date) = &c.date {
            if crate::model::assessment::parse_date(date).is_none() {
                issues.push(Issue::error(
                    IssueCode::InvalidDate,
                    join(&p, "date"),
                    format!("{date:?} is not a date (YYYY-MM-DD)"),
                ));
            }
        }
        for (j, item) in c.items.iter().enumerate() {
            check_text(item, &format!("{p}/items/{j}"), issues);
        }
    }
}

/// Prerequisites between actions: known ids, no cycle.
fn check_requires(r: &Referential, issues: &mut Vec<Issue>) {
    for (i, a) in r.actions.iter().enumerate() {
        for (j, req) in a.requires.iter().enumerate() {
            if r.action(req).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownAction,
                    format!("/actions/{i}/requires/{j}"),
                    format!("action {:?} requires {req:?}, which does not exist", a.id),
                ));
            }
        }
    }
    let ids: Vec<&str> = r.actions.iter().map(|a| a.id.as_str()).collect();
    let edges: Vec<Vec<usize>> = r
        .actions
        .iter()
        .map(|a| {
            a.requires
                .iter()
                .filter_map(|req| ids.iter().position(|id| id == req))
                .collect()
        })
        .collect();
    if let Some(cycle) = find_cycle(&edges) {
        let names: Vec<&str> = cycle.iter().filter_map(|&i| ids.get(i).copied()).collect();
        let first = cycle.first().copied().unwrap_or(0);
        issues.push(Issue::error(
            IssueCode::DependencyCycle,
            format!("/actions/{first}/requires"),
            format!(
                "actions depend on each other in a cycle: {}",
                names.join(" → ")
            ),
        ));
    }
}

/// A cycle in a directed graph given as adjacency lists, as the list of
/// its nodes with the first repeated at the end (`a → b → a`); iterative
/// depth-first search, so deep graphs cannot overflow the stack.
pub fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const CLOSED: u8 = 2;
    let mut state = vec![NEW; edges.len()];
    for root in 0..edges.len() {
        if state.get(root) != Some(&NEW) {
            continue;
        }
        // Stack of (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        if let Some(s) = state.get_mut(root) {
            *s = OPEN;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let succ = edges.get(node).and_then(|e| e.get(*next)).copied();
            *next += 1;
            match succ {
                None => {
                    if let Some(s) = state.get_mut(node) {
                        *s = CLOSED;
                    }
                    stack.pop();
                }
                Some(m) => match state.get(m).copied() {
                    Some(NEW) => {
                        if let Some(s) = state.get_mut(m) {
                            *s = OPEN;
                        }
                        stack.push((m, 0));
                    }
                    Some(OPEN) => {
                        let from = stack.iter().position(|&(n, _)| n == m).unwrap_or(0);
                        let mut cycle: Vec<usize> =
                            stack.iter().skip(from).map(|&(n, _)| n).collect();
                        cycle.push(m);
                        return Some(cycle);
                    }
                    _ => {}
                },
            }
        }
    }
    None
}

/// Checks a response's points, options or bands, then warns when no answer
/// can score a point.
fn validate_response(resp: &Response, p: &str, issues: &mut Vec<Issue>) {
    match resp {
        Response::YesNo {
            yes_points,
            no_points,
        } => {
            check_points(*yes_points, &join(p, "yes_points"), issues);
            check_points(*no_points, &join(p, "no_points"), issues);
        }
        Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
            check_options(resp, options, p, issues);
        }
        Response::Numeric {
            min,
            max,
            bands,
            unit,
        } => {
            if let Some(u) = unit {
                check_text(u, &join(p, "unit"), issues);
            }
            check_bounds(*min, *max, bands, p, issues);
            check_bands(bands, p, issues);
        }
    }
    check_scores_something(resp, p, issues);
}

/// Checks a choice's options (at least one, ids unique, labels, points) and
/// that a multiple choice's cap is positive and reachable.
fn check_options(resp: &Response, options: &[AnswerOption], p: &str, issues: &mut Vec<Issue>) {
    if options.is_empty() {
        issues.push(Issue::error(
            IssueCode::NoOptions,
            join(p, "options"),
            "the question has no option",
        ));
    }
    let mut ids = BTreeMap::new();
    for (j, o) in options.iter().enumerate() {
        let op = format!("{p}/options/{j}");
        check_id(&o.id, &join(&op, "id"), issues);
        unique(&mut ids, &o.id, j, &join(&op, "id"), "option", issues);
        check_text(&o.label, &join(&op, "label"), issues);
        check_points(o.points, &join(&op, "points"), issues);
    }
    if let Response::MultipleChoice { cap: Some(cap), .. } = resp {
        let sum = options
            .iter()
            .fold(0i64, |a, o| a.saturating_add(o.points.max(0)));
        if *cap <= 0 || *cap > sum {
            issues.push(Issue::error(
                IssueCode::UnreachableMax,
                join(p, "cap"),
                format!("cap {cap} must be > 0 and reachable: the options sum to {sum}"),
            ));
        }
    }
}

/// Checks a numeric question's bounds: finite, in order, and not so low
/// that the best band cannot be reached.
fn check_bounds(
    min: Option<f64>,
    max: Option<f64>,
    bands: &[Band],
    p: &str,
    issues: &mut Vec<Issue>,
) {
    for (name, bound) in [("min", min), ("max", max)] {
        if let Some(b) = bound {
            if !b.is_finite() {
                issues.push(Issue::error(
                    IssueCode::InvalidBounds,
                    join(p, name),
                    "bound is not finite",
                ));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            issues.push(Issue::error(
                IssueCode::InvalidBounds,
                join(p, "min"),
                format!("min {lo} is above max {hi}"),
            ));
        }
    }
    if let Some(hi) = max {
        let best = bands.iter().map(|b| b.points).max().unwrap_or(0);
        let reachable = bands
            .iter()
            .filter(|b| b.from <= hi)
            .map(|b| b.points)
            .max()
            .unwrap_or(0);
        if !bands.is_empty() && reachable < best {
            issues.push(Issue::error(
                IssueCode::UnreachableMax,
                join(p, "bands"),
                format!("the best band ({best} points) starts above max {hi}: no valid value can earn it"),
            ));
        }
    }
}

/// Checks a numeric question's bands: at least one, valid points, finite
/// thresholds in strictly increasing order.
fn check_bands(bands: &[Band], p: &str, issues: &mut Vec<Issue>) {
    if bands.is_empty() {
        issues.push(Issue::error(
            IssueCode::InvalidBands,
            join(p, "bands"),
            "a numeric question needs at least one band",
        ));
    }
    let mut previous: Option<f64> = None;
    for (j, b) in bands.iter().enumerate() {
        let bp = format!("{p}/bands/{j}");
        check_points(b.points, &join(&bp, "points"), issues);
        if !b.from.is_finite() {
            issues.push(Issue::error(
                IssueCode::InvalidBands,
                join(&bp, "from"),
                "band bound is not finite",
            ));
        } else if let Some(prev) = previous {
            if b.from <= prev {
                issues.push(Issue::error(
                    IssueCode::InvalidBands,
                    join(&bp, "from"),
                    format!(
                        "bands must be in strictly increasing order: {} follows {prev}",
                        b.from
                    ),
                ));
            }
        }
        previous = Some(b.from);
    }
}

/// Warns when no answer scores a point, unless points are negative or the
/// options or bands are missing (already reported).
fn check_scores_something(resp: &Response, p: &str, issues: &mut Vec<Issue>) {
    let negative = match resp {
        Response::YesNo {
            yes_points,
            no_points,
        } => *yes_points < 0 || *no_points < 0,
        Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
            options.iter().any(|o| o.points < 0)
        }
        Response::Numeric { bands, .. } => bands.iter().any(|b| b.points < 0),
    };
    let empty = match resp {
        Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
            options.is_empty()
        }
        Response::Numeric { bands, .. } => bands.is_empty(),
        Response::YesNo { .. } => false,
    };
    if !negative && !empty && resp.max_points() == 0 {
        // Questionnaires ask some questions for information only (Éco-clic
        // does): shown and answered, never counted in the index.
        issues.push(Issue::warning(
            IssueCode::ZeroMaxPoints,
            p,
            "no answer scores a point: asked for information only",
        ));
    }
}

fn validate_condition(
    r: &Referential,
    q: &Question,
    c: &Condition,
    p: &str,
    issues: &mut Vec<Issue>,
) {
    let Some(parent) = r.question(c.question()) else {
        issues.push(Issue::error(
            IssueCode::UnknownQuestion,
            join(p, "question"),
            format!(
                "condition on question {:?}, which does not exist",
                c.question()
            ),
        ));
        return;
    };
    if parent.level > q.level {
        issues.push(Issue::error(
            IssueCode::ConditionLevel,
            join(p, "question"),
            format!(
                "question {:?} (level {}) depends on {:?} of level {}: a parent must not be of a higher level",
                q.id, q.level, parent.id, parent.level
            ),
        ));
    }
    let fits = match (c, &parent.response) {
        (Condition::IsYes { .. } | Condition::IsNo { .. }, Response::YesNo { .. }) => true,
        (
            Condition::AnyOf { .. },
            Response::SingleChoice { .. } | Response::MultipleChoice { .. },
        ) => true,
        (
            Condition::AtLeast { value, .. } | Condition::LessThan { value, .. },
            Response::Numeric { .. },
        ) => {
            if !value.is_finite() {
                issues.push(Issue::error(
                    IssueCode::InvalidValue,
                    join(p, "value"),
                    "threshold is not finite",
                ));
            }
            true
        }
        _ => false,
    };
    if !fits {
        issues.push(Issue::error(
            IssueCode::ConditionMismatch,
            join(p, "kind"),
            format!(
                "this condition does not fit {:?}, a {} question",
                parent.id,
                parent.response.kind_name()
            ),
        ));
    }
    if let Condition::AnyOf { options, .. } = c {
        if options.is_empty() {
            issues.push(Issue::error(
                IssueCode::NoOptions,
                join(p, "options"),
                "the condition lists no option",
            ));
        }
        for (j, o) in options.iter().enumerate() {
            if fits && parent.response.option(o).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownOption,
                    format!("{p}/options/{j}"),
                    format!("question {:?} has no option {o:?}", parent.id),
                ));
            }
        }
    }
}

fn check_cycles(r: &Referential, issues: &mut Vec<Issue>) {
    let index: BTreeMap<&str, usize> = r
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let parent = |i: usize| -> Option<usize> {
        r.questions
            .get(i)
            .and_then(|q| q.condition.as_ref())
            .and_then(|c| index.get(c.question()).copied())
    };
    // Each question has at most one parent: walk each chain once (O(n)),
    // marking questions on the current walk; meeting one again is a cycle.
    const NEW: u8 = 0;
    const ON_WALK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; r.questions.len()];
    let mut in_cycle = BTreeSet::new();
    for start in 0..r.questions.len() {
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state.get(c).copied() {
                Some(NEW) => {
                    if let Some(slot) = state.get_mut(c) {
                        *slot = ON_WALK;
                    }
                    walk.push(c);
                    cur = parent(c);
                }
                Some(ON_WALK) => {
                    let from = walk.iter().position(|&w| w == c).unwrap_or(0);
                    in_cycle.extend(walk.iter().skip(from).copied());
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            if let Some(slot) = state.get_mut(w) {
                *slot = DONE;
            }
        }
    }
    for i in in_cycle {
        let id = r
            .questions
            .get(i)
            .map(|q| q.id.as_str())
            .unwrap_or_default();
        issues.push(Issue::error(
            IssueCode::ConditionCycle,
            format!("/questions/{i}/condition"),
            format!("the condition of question {id:?} depends, directly or not, on itself"),
        ));
    }
}

pub(crate) fn validate_outcome(q: &Question, o: &Outcome, p: &str, issues: &mut Vec<Issue>) {
    let ok = match (o, &q.response) {
        (Outcome::Yes | Outcome::No, Response::YesNo { .. }) => true,
        (
            Outcome::Choice { options },
            Response::SingleChoice { .. } | Response::MultipleChoice { .. },
        ) => {
            if matches!(q.response, Response::SingleChoice { .. }) && options.len() != 1 {
                issues.push(Issue::error(
                    IssueCode::WrongOptionCount,
                    join(p, "options"),
                    format!(
                        "question {:?} is single choice: give exactly one option",
                        q.id
                    ),
                ));
            }
            for (j, opt) in options.iter().enumerate() {
                if q.response.option(opt).is_none() {
                    issues.push(Issue::error(
                        IssueCode::UnknownOption,
                        format!("{p}/options/{j}"),
                        format!("question {:?} has no option {opt:?}", q.id),
                    ));
                }
            }
            true
        }
        (Outcome::Number { value }, Response::Numeric { min, max, .. }) => {
            check_value(*value, *min, *max, &join(p, "value"), issues);
            true
        }
        _ => false,
    };
    if !ok {
        issues.push(Issue::error(
            IssueCode::OutcomeMismatch,
            join(p, "kind"),
            format!(
                "question {:?} is a {} question",
                q.id,
                q.response.kind_name()
            ),
        ));
    }
}

/// Whether a numeric answer is finite and within the question's bounds.
pub(crate) fn value_fits(value: f64, min: Option<f64>, max: Option<f64>) -> bool {
    value.is_finite() && !min.is_some_and(|m| value < m) && !max.is_some_and(|m| value > m)
}

pub(crate) fn check_value(
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    p: &str,
    issues: &mut Vec<Issue>,
) {
    if !value_fits(value, min, max) {
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("between {a} and {b}"),
            (Some(a), None) => format!("≥ {a}"),
            (None, Some(b)) => format!("≤ {b}"),
            (None, None) => "a finite number".to_owned(),
        };
        issues.push(Issue::error(
            IssueCode::ValueOutOfRange,
            p,
            format!("value {value} must be {range}"),
        ));
    }
}

fn validate_grades(r: &Referential, issues: &mut Vec<Issue>) {
    if r.grades.is_empty() {
        issues.push(Issue::warning(
            IssueCode::InvalidGrades,
            "/grades",
            "no grade band: reports will carry an index but no grade",
        ));
        return;
    }
    let mut names = BTreeMap::new();
    let mut mins: Vec<f64> = Vec::new();
    for (i, g) in r.grades.iter().enumerate() {
        let p = format!("/grades/{i}");
        if g.grade.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::InvalidGrades,
                join(&p, "grade"),
                "the grade is empty",
            ));
        }
        if names.contains_key(g.grade.as_str()) {
            issues.push(Issue::error(
                IssueCode::InvalidGrades,
                join(&p, "grade"),
                format!("grade {:?} appears twice", g.grade),
            ));
        } else {
            names.insert(g.grade.as_str(), i);
        }
        if !(g.min.is_finite() && (0.0..=100.0).contains(&g.min)) {
            issues.push(Issue::error(
                IssueCode::InvalidGrades,
                join(&p, "min"),
                format!("min must be between 0 and 100, got {}", g.min),
            ));
        } else if mins.contains(&g.min) {
            issues.push(Issue::error(
                IssueCode::InvalidGrades,
                join(&p, "min"),
                format!("two bands start at {}", g.min),
            ));
        }
        mins.push(g.min);
        if let Some(l) = &g.label {
            check_text(l, &join(&p, "label"), issues);
        }
    }
    if !r.grades.iter().any(|g| g.min == 0.0) {
        issues.push(Issue::error(
            IssueCode::InvalidGrades,
            "/grades",
            "one band must start at 0 so that every index has a grade",
        ));
    }
}

fn check_profile(a: &Assessment, issues: &mut Vec<Issue>) {
    let p = &a.profile;
    if p.name.trim().is_empty() {
        issues.push(Issue::error(
            IssueCode::InvalidProfile,
            "/profile/name",
            "the name is empty",
        ));
    } else if p.name.chars().any(char::is_control) {
        // A name is printed in reports, CSV and terminals.
        issues.push(Issue::error(
            IssueCode::InvalidProfile,
            "/profile/name",
            "the name contains control characters",
        ));
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(s) = &p.siren {
        if !digits(s, 9) {
            issues.push(Issue::error(
                IssueCode::InvalidProfile,
                "/profile/siren",
                format!("SIREN {s:?} must be 9 digits"),
            ));
        }
    }
    if let Some(s) = &p.establishment {
        if !digits(s, 5) {
            issues.push(Issue::error(
                IssueCode::InvalidProfile,
                "/profile/establishment",
                format!("establishment number (NIC) {s:?} must be 5 digits"),
            ));
        }
    }
    if let Some(s) = &p.insee {
        let ok = s.len() == 5
            && (digits(s, 5)
                || (s.starts_with("2A") || s.starts_with("2B"))
                    && s.bytes().skip(2).all(|b| b.is_ascii_digit()));
        if !ok {
            issues.push(Issue::error(
                IssueCode::InvalidProfile,
                "/profile/insee",
                format!("INSEE code {s:?} must be 5 characters (digits, or 2A/2B then 3 digits)"),
            ));
        }
    }
    if let Some(s) = &p.departement {
        let ok = (digits(s, 2) && s != "00" && s != "20")
            || s == "2A"
            || s == "2B"
            || (digits(s, 3) && s.starts_with("97"));
        if !ok {
            issues.push(Issue::error(
                IssueCode::InvalidProfile,
                "/profile/departement",
                format!("département code {s:?} must be 01–95, 2A, 2B or 971–976"),
            ));
        }
    }
    if let Some(s) = &p.region {
        if !digits(s, 2) {
            issues.push(Issue::error(
                IssueCode::InvalidProfile,
                "/profile/region",
                format!("région code {s:?} must be 2 digits (INSEE code)"),
            ));
        }
    }
}

/// How a document's messages name it and its use of the referential.
pub(crate) struct RefWording {
    /// "assessment", "plan".
    pub what: &'static str,
    /// "answers", "is made for".
    pub relation: &'static str,
    /// "scored", "followed up".
    pub used: &'static str,
}

/// Checks that a document was made with `r`: the same id, the same major
/// version (another minor or patch version is a warning).
pub(crate) fn check_referential_ref(
    rr: &crate::model::assessment::ReferentialRef,
    r: &Referential,
    wording: &RefWording,
    issues: &mut Vec<Issue>,
) {
    let RefWording {
        what,
        relation,
        used,
    } = wording;
    if rr.id != r.id {
        issues.push(Issue::error(
            IssueCode::ReferentialMismatch,
            "/referential/id",
            format!(
                "the {what} {relation} referential {:?}, not {:?}",
                rr.id, r.id
            ),
        ));
        return;
    }
    match (semver::Version::parse(&rr.version), semver::Version::parse(&r.version)) {
        (Ok(dv), Ok(rv)) if dv.major != rv.major => issues.push(Issue::error(
            IssueCode::ReferentialVersionMismatch,
            "/referential/version",
            format!("the {what} was made with version {dv}, the referential is {rv}: migrate it to the new major version"),
        )),
        (Ok(dv), Ok(rv)) if dv != rv => issues.push(Issue::warning(
            IssueCode::ReferentialVersionDiffers,
            "/referential/version",
            format!("the {what} was made with version {dv}, {used} with {rv}"),
        )),
        (Err(_), _) => issues.push(Issue::error(
            IssueCode::InvalidVersion,
            "/referential/version",
            format!("version {:?} is not semantic versioning", rr.version),
        )),
        _ => {}
    }
}

/// Validates an assessment against the referential it answers; returns
/// every problem found (errors and warnings).
pub fn validate_assessment(a: &Assessment, r: &Referential) -> Vec<Issue> {
    validate_assessment_at(a, &Facts::of(r), &answers_at(r, &a.answers))
}

/// [`validate_assessment`] with the referential's facts and the answers by
/// question position ([`answers_at`]), which scoring then reuses.
pub(crate) fn validate_assessment_at(
    a: &Assessment,
    facts: &Facts<'_>,
    at: &[Option<&Answer>],
) -> Vec<Issue> {
    let mut issues = Vec::new();
    validate_assessment_header(a, facts.r, &mut issues);
    validate_assessment_answers(a, facts, at, &mut issues);
    issues
}

/// The checks of an assessment's referential, date, level and profile.
pub(crate) fn validate_assessment_header(a: &Assessment, r: &Referential, issues: &mut Vec<Issue>) {
    check_referential_ref(
        &a.referential,
        r,
        &RefWording {
            what: "assessment",
            relation: "answers",
            used: "scored",
        },
        issues,
    );
    let date_ok = a.parsed_date().is_some();
    if !date_ok {
        issues.push(Issue::error(
            IssueCode::InvalidDate,
            "/date",
            format!(
                "date {:?} is not an ISO 8601 calendar date (YYYY-MM-DD)",
                a.date
            ),
        ));
    }
    if !(1..=2).contains(&a.level) {
        issues.push(Issue::error(
            IssueCode::InvalidLevel,
            "/level",
            format!("level must be 1 or 2, got {}", a.level),
        ));
    }
    check_profile(a, issues);
}

/// The checks of an assessment's plan marks and answers.
fn validate_assessment_answers(
    a: &Assessment,
    facts: &Facts<'_>,
    at: &[Option<&Answer>],
    issues: &mut Vec<Issue>,
) {
    let r = facts.r;
    for (qid, action) in &a.from_plan {
        let p = join("/from_plan", qid);
        if r.question(qid).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownQuestion,
                p,
                format!("the referential has no question {qid:?}"),
            ));
        } else if a
            .answers
            .get(qid)
            .is_none_or(|x| matches!(x, Answer::Unanswered { .. }))
        {
            issues.push(Issue::error(
                IssueCode::UnconfirmedWithoutAnswer,
                p,
                format!(
                    "question {qid:?} is marked as coming from action {action:?} but has no answer"
                ),
            ));
        }
    }
    let visibility = Visibility::compute_at(facts, a.level, &a.profile, &|i| {
        at.get(i).copied().flatten()
    });
    for (qid, answer) in &a.answers {
        // The path is only built when there is something to report.
        let p = || join("/answers", qid);
        let Some((qi, q)) = r
            .question_index(qid)
            .and_then(|i| r.questions.get(i).map(|q| (i, q)))
        else {
            issues.push(Issue::error(
                IssueCode::UnknownQuestion,
                p(),
                format!("the referential has no question {qid:?}"),
            ));
            continue;
        };
        validate_answer(q, answer, &p, issues);
        if matches!(answer, Answer::Unanswered { .. }) {
            continue;
        }
        use crate::engine::scoring::Shown;
        match visibility.state(qi) {
            Shown::AboveLevel => issues.push(Issue::warning(
                IssueCode::AnswerAboveLevel,
                p(),
                format!("question {qid:?} is of level {}, above the assessment's level {}: the answer is kept and ignored", q.level, a.level),
            )),
            Shown::OutOfProfile => issues.push(Issue::warning(
                IssueCode::AnswerOutOfProfile,
                p(),
                format!("question {qid:?} does not apply to this profile: the answer is kept and ignored"),
            )),
            Shown::Hidden => issues.push(Issue::warning(
                IssueCode::AnswerToHiddenQuestion,
                p(),
                format!("question {qid:?} is hidden by its condition: the answer is kept and ignored"),
            )),
            Shown::Visible => {}
        }
    }
}

pub(crate) fn validate_answer(
    q: &Question,
    answer: &Answer,
    p: &dyn Fn() -> String,
    issues: &mut Vec<Issue>,
) {
    let mismatch = |issues: &mut Vec<Issue>| {
        issues.push(Issue::error(
            IssueCode::AnswerMismatch,
            join(&p(), "kind"),
            format!(
                "question {:?} is a {} question and cannot be answered {:?}",
                q.id,
                q.response.kind_name(),
                answer.kind_name()
            ),
        ));
    };
    match answer {
        Answer::Yes { .. } | Answer::No { .. } => {
            if !matches!(q.response, Response::YesNo { .. }) {
                mismatch(issues);
            }
        }
        Answer::Choice { options, .. } => match &q.response {
            Response::SingleChoice { .. } | Response::MultipleChoice { .. } => {
                let single = matches!(q.response, Response::SingleChoice { .. });
                if single && options.len() != 1 {
                    issues.push(Issue::error(
                        IssueCode::WrongOptionCount,
                        join(&p(), "options"),
                        format!(
                            "question {:?} is single choice: choose exactly one option, got {}",
                            q.id,
                            options.len()
                        ),
                    ));
                }
                // Few options per question: a list beats a set here.
                let mut seen: Vec<&str> = Vec::new();
                for (j, o) in options.iter().enumerate() {
                    let op = || format!("{}/options/{j}", p());
                    if q.response.option(o).is_none() {
                        issues.push(Issue::error(
                            IssueCode::UnknownOption,
                            op(),
                            format!("question {:?} has no option {o:?}", q.id),
                        ));
                    } else if seen.contains(&o.as_str()) {
                        issues.push(Issue::error(
                            IssueCode::DuplicateOption,
                            op(),
                            format!("option {o:?} is chosen twice"),
                        ));
                    } else {
                        seen.push(o);
                    }
                }
            }
            _ => mismatch(issues),
        },
        Answer::Number { value, .. } => match &q.response {
            Response::Numeric { min, max, .. } => {
                // The path is only built when the value is out of range.
                if !value_fits(*value, *min, *max) {
                    check_value(*value, *min, *max, &join(&p(), "value"), issues)
                }
            }
            _ => mismatch(issues),
        },
        Answer::DontKnow { .. } => {
            if !q.allow_dont_know {
                issues.push(Issue::error(
                    IssueCode::DontKnowNotAllowed,
                    join(&p(), "kind"),
                    format!("question {:?} does not accept \"don't know\"", q.id),
                ));
            }
        }
        Answer::NotApplicable { justification, .. } => {
            if !q.allow_not_applicable {
                issues.push(Issue::error(
                    IssueCode::NotApplicableNotAllowed,
                    join(&p(), "kind"),
                    format!("question {:?} does not accept \"not applicable\"", q.id),
                ));
            } else if q.require_justification
                && justification.as_deref().is_none_or(|j| j.trim().is_empty())
            {
                issues.push(Issue::error(
                    IssueCode::JustificationRequired,
                    join(&p(), "justification"),
                    format!(
                        "question {:?} requires a justification for \"not applicable\"",
                        q.id
                    ),
                ));
            }
        }
        Answer::Unanswered { .. } => {}
    }
}
