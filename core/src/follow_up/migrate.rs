//! Referential versions: crosswalks from one version to another, and the
//! migration of assessments across them without loss.
//!
//! A [`Crosswalk`] lists what happened to the questions between two
//! versions: renamed (possibly with changed options or response kind),
//! split into several, merged into one, removed, added. Questions it does
//! not mention keep their id. [`migrate`] carries an assessment across:
//! every source answer ends up in the report as carried, transformed or not
//! carried (with the reason), and whatever was not carried unchanged is kept
//! in the migrated assessment's `migrations` history, so that migrating back
//! gives the original answers again (as long as they were not changed since).

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use crate::engine::report;
use crate::engine::scoring::{self, round2};
use crate::model::assessment::{Answer, Assessment, ReferentialRef};
use crate::model::crosswalk::{
    Crosswalk, Mapping, MergeRule, Migration, MigrationCounts, MigrationEntry, MigrationRecord,
    MigrationReport, MigrationSimulation, Outcome, ThemeChange, ValueMap,
};
use crate::model::error::{Issue, IssueCode};
use crate::model::referential::{Question, Referential, Response};

fn reference(r: &Referential) -> ReferentialRef {
    ReferentialRef {
        id: r.id.clone(),
        version: r.version.clone(),
    }
}

/// The value tokens a question accepts: `yes`/`no`, or its option ids;
/// none for numeric questions.
fn tokens(q: &Question) -> Option<BTreeSet<&str>> {
    match &q.response {
        Response::YesNo { .. } => Some(["yes", "no"].into_iter().collect()),
        Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
            Some(options.iter().map(|o| o.id.as_str()).collect())
        }
        Response::Numeric { .. } => None,
    }
}

fn kind_family(q: &Question) -> &'static str {
    match &q.response {
        Response::YesNo { .. } => "yes_no",
        Response::SingleChoice { .. } | Response::MultipleChoice { .. } => "choice",
        Response::Numeric { .. } => "numeric",
    }
}

/// The (sources, targets, values, rule) of a mapping.
fn parts(m: &Mapping) -> (Vec<&str>, Vec<&str>, Option<&ValueMap>) {
    match m {
        Mapping::Rename { from, to, values } => (vec![from], vec![to], Some(values)),
        Mapping::Split { from, to, values } => (
            vec![from],
            to.iter().map(String::as_str).collect(),
            Some(values),
        ),
        Mapping::Merge {
            from, to, values, ..
        } => (
            from.iter().map(String::as_str).collect(),
            vec![to],
            Some(values),
        ),
        Mapping::Remove { from, .. } => (vec![from], vec![], None),
        Mapping::Add { to } => (vec![], vec![to], None),
    }
}

/// Checks a crosswalk against the two versions: every id exists, no
/// question is mapped twice, values fit their questions, response kinds
/// that differ say how values translate. Questions of the old version that
/// disappear without a mapping, and new ones nobody maps to, are warnings
/// (removed and added implicitly).
pub fn validate_crosswalk(c: &Crosswalk, from: &Referential, to: &Referential) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_ends(c, from, to, &mut issues);
    let mut seen = Seen::default();
    for (i, m) in c.mappings.iter().enumerate() {
        check_mapping(i, m, from, to, &mut seen, &mut issues);
    }
    check_unmapped(from, to, &seen, &mut issues);
    issues
}

/// The questions mapped so far, each with the first mapping that names it.
#[derive(Default)]
struct Seen<'a> {
    sources: BTreeMap<&'a str, usize>,
    targets: BTreeMap<&'a str, usize>,
}

/// Checks that the crosswalk's `from` and `to` name the referentials given.
fn check_ends(c: &Crosswalk, from: &Referential, to: &Referential, issues: &mut Vec<Issue>) {
    for (side, given, r) in [("from", &c.from, from), ("to", &c.to, to)] {
        if given.id != r.id || given.version != r.version {
            issues.push(Issue::error(
                IssueCode::ReferentialMismatch,
                format!("/{side}"),
                format!(
                    "the crosswalk's `{side}` is {} {} but the referential given is {} {}",
                    given.id, given.version, r.id, r.version
                ),
            ));
        }
    }
}

/// Checks one mapping: its arity, its ids, then its values and response kinds.
fn check_mapping<'a>(
    i: usize,
    m: &'a Mapping,
    from: &Referential,
    to: &Referential,
    seen: &mut Seen<'a>,
    issues: &mut Vec<Issue>,
) {
    let base = format!("/mappings/{i}");
    let (srcs, tgts, values) = parts(m);
    let field = |name: &str, k: usize, many: bool| {
        if many {
            format!("{base}/{name}/{k}")
        } else {
            format!("{base}/{name}")
        }
    };
    let many_src = matches!(m, Mapping::Merge { .. });
    let many_tgt = matches!(m, Mapping::Split { .. });
    if (many_src && srcs.len() < 2) || (many_tgt && tgts.len() < 2) {
        issues.push(Issue::error(
            IssueCode::InvalidValue,
            base.clone(),
            "a split needs at least two targets and a merge two sources",
        ));
    }
    for (k, s) in srcs.iter().enumerate() {
        if from.question(s).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownQuestion,
                field("from", k, many_src),
                format!("question {s:?} is not in {} {}", from.id, from.version),
            ));
        }
        if let Some(prev) = seen.sources.insert(s, i) {
            issues.push(Issue::error(
                IssueCode::DuplicateId,
                field("from", k, many_src),
                format!("question {s:?} is already mapped by mapping {prev}"),
            ));
        }
    }
    for (k, t) in tgts.iter().enumerate() {
        if to.question(t).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownQuestion,
                field("to", k, many_tgt),
                format!("question {t:?} is not in {} {}", to.id, to.version),
            ));
        }
        if let Some(prev) = seen.targets.insert(t, i) {
            issues.push(Issue::error(
                IssueCode::DuplicateId,
                field("to", k, many_tgt),
                format!("question {t:?} is already the target of mapping {prev}"),
            ));
        }
    }
    let Some(values) = values else { return };
    let src_qs: Vec<&Question> = srcs.iter().filter_map(|s| from.question(s)).collect();
    let tgt_qs: Vec<&Question> = tgts.iter().filter_map(|t| to.question(t)).collect();
    check_values(&base, values, &src_qs, &tgt_qs, issues);
    check_kinds(&base, values, &src_qs, &tgt_qs, issues);
}

/// Checks that every value translated is a value of the source questions
/// and becomes a value of every target question.
fn check_values(
    base: &str,
    values: &ValueMap,
    src_qs: &[&Question],
    tgt_qs: &[&Question],
    issues: &mut Vec<Issue>,
) {
    for (key, value) in values {
        if !src_qs.is_empty()
            && !src_qs
                .iter()
                .any(|q| tokens(q).is_some_and(|t| t.contains(key.as_str())))
        {
            issues.push(Issue::error(
                IssueCode::UnknownOption,
                crate::input::parse::join(&format!("{base}/values"), key),
                format!("{key:?} is not a value of the source question"),
            ));
        }
        if let Some(v) = value {
            if !tgt_qs
                .iter()
                .all(|q| tokens(q).is_some_and(|t| t.contains(v.as_str())))
            {
                issues.push(Issue::error(
                    IssueCode::UnknownOption,
                    crate::input::parse::join(&format!("{base}/values"), key),
                    format!("{v:?} is not a value of the target question"),
                ));
            }
        }
    }
}

/// Checks that sources and targets of different response kinds can be
/// translated: never to or from numeric, and only with explicit values.
fn check_kinds(
    base: &str,
    values: &ValueMap,
    src_qs: &[&Question],
    tgt_qs: &[&Question],
    issues: &mut Vec<Issue>,
) {
    for s in src_qs {
        for t in tgt_qs {
            let (fs, ft) = (kind_family(s), kind_family(t));
            if fs != ft && (fs == "numeric" || ft == "numeric" || values.is_empty()) {
                issues.push(Issue::error(
                    IssueCode::IncompatibleResponse,
                    base.to_owned(),
                    format!(
                        "{} ({fs}) and {} ({ft}) have different response kinds: {}",
                        s.id,
                        t.id,
                        if fs == "numeric" || ft == "numeric" {
                            "a numeric answer cannot become another kind (map it with `remove` and `add`)"
                        } else {
                            "say in `values` how each value translates"
                        }
                    ),
                ));
            }
        }
    }
}

/// Warns about old questions that disappear without a mapping and new
/// questions no mapping adds.
fn check_unmapped(from: &Referential, to: &Referential, seen: &Seen, issues: &mut Vec<Issue>) {
    for q in &from.questions {
        if !seen.sources.contains_key(q.id.as_str()) && to.question(&q.id).is_none() {
            issues.push(Issue::warning(
                IssueCode::UnmappedQuestion,
                "/mappings",
                format!(
                    "question {:?} is not in {} {} and no mapping says what became of it: its answers will not be carried (kept in the history)",
                    q.id, to.id, to.version
                ),
            ));
        }
    }
    for q in &to.questions {
        if !seen.targets.contains_key(q.id.as_str())
            && (from.question(&q.id).is_none() || seen.sources.contains_key(q.id.as_str()))
        {
            issues.push(Issue::warning(
                IssueCode::UnmappedQuestion,
                "/mappings",
                format!(
                    "question {:?} is new in {} {} and no mapping adds it: it will be left to answer",
                    q.id, to.id, to.version
                ),
            ));
        }
    }
}

/// The crosswalk the other way round, when every mapping can be undone:
/// renames and value translations that are one-to-one, splits ↔ merges,
/// removals ↔ additions.
pub fn invert(c: &Crosswalk) -> Result<Crosswalk, String> {
    let invert_values = |values: &ValueMap, at: usize| -> Result<ValueMap, String> {
        let mut out = ValueMap::new();
        for (k, v) in values {
            let Some(v) = v else {
                return Err(format!(
                    "mapping {at}: value {k:?} has no equivalent, so it cannot be translated back"
                ));
            };
            if out.insert(v.clone(), Some(k.clone())).is_some() {
                return Err(format!(
                    "mapping {at}: several values become {v:?}, so it cannot be translated back"
                ));
            }
        }
        Ok(out)
    };
    let mut mappings = Vec::with_capacity(c.mappings.len());
    for (i, m) in c.mappings.iter().enumerate() {
        mappings.push(match m {
            Mapping::Rename { from, to, values } => Mapping::Rename {
                from: to.clone(),
                to: from.clone(),
                values: invert_values(values, i)?,
            },
            Mapping::Split { from, to, values } => Mapping::Merge {
                from: to.clone(),
                to: from.clone(),
                values: invert_values(values, i)?,
                rule: MergeRule::Lowest,
            },
            Mapping::Merge {
                from, to, values, ..
            } => Mapping::Split {
                from: to.clone(),
                to: from.clone(),
                values: invert_values(values, i)?,
            },
            Mapping::Remove { from, .. } => Mapping::Add { to: from.clone() },
            Mapping::Add { to } => Mapping::Remove {
                from: to.clone(),
                reason: None,
            },
        });
    }
    Ok(Crosswalk {
        from: c.to.clone(),
        to: c.from.clone(),
        description: c.description.clone(),
        mappings,
    })
}

/// The answer `a` of source question `s` as an answer of target question
/// `t`, or why it cannot be.
fn convert(a: &Answer, s: &Question, t: &Question, values: &ValueMap) -> Result<Answer, String> {
    let translate = |token: &str| -> Result<String, String> {
        match values.get(token) {
            Some(Some(v)) => Ok(v.clone()),
            Some(None) => Err(format!(
                "the value {token:?} of {} has no equivalent in {}",
                s.id, t.id
            )),
            None => Ok(token.to_owned()),
        }
    };
    let comment = a.comment().map(str::to_owned);
    let evidence = a.evidence().to_vec();
    let to_token = |token: String| -> Result<Answer, String> {
        match (&t.response, token.as_str()) {
            (Response::YesNo { .. }, "yes") => Ok(Answer::Yes {
                comment: comment.clone(),
                evidence: evidence.clone(),
            }),
            (Response::YesNo { .. }, "no") => Ok(Answer::No {
                comment: comment.clone(),
                evidence: evidence.clone(),
            }),
            (Response::SingleChoice { .. } | Response::MultipleChoice { .. }, id)
                if t.response.option(id).is_some() =>
            {
                Ok(Answer::Choice {
                    options: vec![token.clone()],
                    comment: comment.clone(),
                    evidence: evidence.clone(),
                })
            }
            _ => Err(format!("{token:?} is not a value of {}", t.id)),
        }
    };
    match a {
        Answer::Yes { .. } => to_token(translate("yes")?),
        Answer::No { .. } => to_token(translate("no")?),
        Answer::Choice { options, .. } => {
            let mut out: Vec<String> = Vec::new();
            for o in options {
                let v = translate(o)?;
                if !out.contains(&v) {
                    out.push(v);
                }
            }
            match (&t.response, out.as_slice()) {
                (Response::YesNo { .. }, [one]) => to_token(one.clone()),
                (Response::SingleChoice { .. } | Response::MultipleChoice { .. }, _) => {
                    if let Some(bad) = out.iter().find(|o| t.response.option(o).is_none()) {
                        return Err(format!("option {bad:?} is not an option of {}", t.id));
                    }
                    Ok(Answer::Choice {
                        options: out,
                        comment,
                        evidence,
                    })
                }
                _ => Err(format!(
                    "{} options cannot become a yes/no answer of {}",
                    out.len(),
                    t.id
                )),
            }
        }
        Answer::Number { value, .. } => match &t.response {
            Response::Numeric { .. } => Ok(a.clone()).map(|_| Answer::Number {
                value: *value,
                comment,
                evidence,
            }),
            _ => Err(format!("a number cannot become an answer of {}", t.id)),
        },
        Answer::DontKnow { .. } | Answer::NotApplicable { .. } | Answer::Unanswered { .. } => {
            Ok(a.clone())
        }
    }
}

/// The answer only (comments and evidence aside), to compare answers.
fn same_value(a: &Answer, b: &Answer) -> bool {
    let strip = |x: &Answer| {
        let mut x = x.clone();
        x.set_comment(None);
        match &mut x {
            Answer::Yes { evidence, .. }
            | Answer::No { evidence, .. }
            | Answer::Choice { evidence, .. }
            | Answer::Number { evidence, .. }
            | Answer::DontKnow { evidence, .. }
            | Answer::NotApplicable { evidence, .. }
            | Answer::Unanswered { evidence, .. } => evidence.clear(),
        }
        x
    };
    strip(a) == strip(b)
}

/// A unit of work: sources → targets.
struct Unit<'a> {
    sources: Vec<&'a str>,
    targets: Vec<&'a str>,
    values: Option<&'a ValueMap>,
    rule: MergeRule,
    reason: Option<&'a str>,
    renamed: bool,
}

/// Carries an assessment from one version of a referential to another.
/// The crosswalk is validated against both versions, and the assessment
/// against the old one; the migrated assessment is valid for the new one.
pub fn migrate(
    from: &Referential,
    a: &Assessment,
    crosswalk: &Crosswalk,
    to: &Referential,
) -> Migration {
    let units = units(from, a, crosswalk, to);
    // The history of an earlier migration from the new version.
    let back: Option<&MigrationRecord> = a
        .migrations
        .iter()
        .rev()
        .find(|m| m.from.id == to.id && m.from.version == to.version);
    let cx = Carry { from, to, a, back };
    let mut out = Carried {
        answers: IndexMap::new(),
        entries: Vec::new(),
        record: MigrationRecord {
            from: reference(from),
            to: reference(to),
            original: IndexMap::new(),
            produced: IndexMap::new(),
        },
        written: BTreeSet::new(),
    };
    for u in &units {
        carry_unit(&cx, u, &mut out);
    }
    add_new_questions(&cx, crosswalk, &mut out);
    let Carried {
        answers,
        mut entries,
        mut record,
        ..
    } = out;
    let mut migrated = migrated_assessment(a, to, answers);
    refuse_invalid(&mut migrated, to, &mut entries, &mut record);
    migrated.migrations.push(record);
    let counts = count(&entries);
    Migration {
        assessment: migrated,
        report: MigrationReport {
            from: reference(from),
            to: reference(to),
            counts,
            entries,
        },
    }
}

/// What every migration stage reads: both versions, the source assessment
/// and the record of an earlier migration from the new version, if any.
struct Carry<'a> {
    from: &'a Referential,
    to: &'a Referential,
    a: &'a Assessment,
    back: Option<&'a MigrationRecord>,
}

/// What the migration stages build up.
struct Carried {
    answers: IndexMap<String, Answer>,
    entries: Vec<MigrationEntry>,
    record: MigrationRecord,
    written: BTreeSet<String>,
}

/// The units of work: the crosswalk's mappings, then the old questions it
/// does not mention, then answers to questions the old version lacks.
fn units<'a>(
    from: &'a Referential,
    a: &'a Assessment,
    crosswalk: &'a Crosswalk,
    to: &Referential,
) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut mentioned_src: BTreeSet<&str> = BTreeSet::new();
    let mut mentioned_tgt: BTreeSet<&str> = BTreeSet::new();
    for m in &crosswalk.mappings {
        let (sources, targets, values) = parts(m);
        mentioned_src.extend(sources.iter().copied());
        mentioned_tgt.extend(targets.iter().copied());
        let (rule, reason) = match m {
            Mapping::Merge { rule, .. } => (*rule, None),
            Mapping::Remove { reason, .. } => (MergeRule::Lowest, reason.as_deref()),
            _ => (MergeRule::Lowest, None),
        };
        units.push(Unit {
            sources,
            targets,
            values,
            rule,
            reason,
            renamed: matches!(m, Mapping::Rename { .. }),
        });
    }
    for q in &from.questions {
        if mentioned_src.contains(q.id.as_str()) {
            continue;
        }
        let same = to.question(&q.id).is_some() && !mentioned_tgt.contains(q.id.as_str());
        units.push(Unit {
            sources: vec![q.id.as_str()],
            targets: if same { vec![q.id.as_str()] } else { vec![] },
            values: None,
            rule: MergeRule::Lowest,
            reason: (!same).then_some(
                "the question is not in the new version and the crosswalk does not map it",
            ),
            renamed: false,
        });
        if same {
            mentioned_tgt.insert(q.id.as_str());
        }
    }
    // Answers to questions the old version does not have (kept with a
    // warning in the assessment) travel under their own id when possible.
    for id in a.answers.keys() {
        if from.question(id).is_none() && !mentioned_src.contains(id.as_str()) {
            units.push(Unit {
                sources: vec![id.as_str()],
                targets: vec![],
                values: None,
                rule: MergeRule::Lowest,
                reason: Some("the answer is to a question the old version does not have"),
                renamed: false,
            });
        }
    }
    units
}

/// Carries the answers of one unit's sources to each of its targets, or
/// reports them not carried when the unit has no target.
fn carry_unit(cx: &Carry, u: &Unit, out: &mut Carried) {
    let before: IndexMap<String, Answer> = u
        .sources
        .iter()
        .filter_map(|s| cx.a.answers.get(*s).map(|x| ((*s).to_owned(), x.clone())))
        .collect();
    // Sources untouched since an earlier migration from the new version
    // give that migration's original answers back.
    let untouched = |id: &str| -> bool {
        let Some(rec) = cx.back else { return false };
        match (rec.produced.get(id), cx.a.answers.get(id)) {
            (Some(p), Some(now)) => p == now,
            (Some(_), None) => false,
            (None, None) => true,
            (None, Some(now)) => matches!(now, Answer::Unanswered { .. }),
        }
    };
    let restorable = u.sources.iter().all(|s| untouched(s));
    if u.targets.is_empty() {
        if before.is_empty() {
            return;
        }
        for (id, x) in &before {
            out.record.original.insert(id.clone(), x.clone());
        }
        out.entries.push(MigrationEntry {
            outcome: Outcome::NotCarried,
            from: before.keys().cloned().collect(),
            to: None,
            before,
            after: None,
            reason: Some(
                u.reason
                    .map_or("removed in the new version".to_owned(), str::to_owned),
            ),
        });
        return;
    }
    for t in &u.targets {
        carry_target(cx, u, t, &before, restorable, out);
    }
}

/// Gives target `t` of a unit its answer: the original one back when the
/// sources are untouched since an earlier migration, else the sources'
/// answers converted (and merged), or reports why they are not carried.
fn carry_target(
    cx: &Carry,
    u: &Unit,
    t: &str,
    before: &IndexMap<String, Answer>,
    restorable: bool,
    out: &mut Carried,
) {
    let Some(tq) = cx.to.question(t) else { return };
    if let Some(original) = cx
        .back
        .filter(|_| restorable)
        .and_then(|rec| rec.original.get(t))
    {
        out.answers.insert(t.to_owned(), original.clone());
        out.written.insert(t.to_owned());
        out.entries.push(MigrationEntry {
            outcome: Outcome::Restored,
            from: u.sources.iter().map(|s| (*s).to_owned()).collect(),
            to: Some(t.to_owned()),
            before: before.clone(),
            after: Some(original.clone()),
            reason: Some(restored_reason(cx.from, cx.to)),
        });
        return;
    }
    if before.is_empty() {
        return;
    }
    let empty = ValueMap::new();
    let values = u.values.unwrap_or(&empty);
    let mut converted: Vec<(String, Answer)> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for (s, x) in before {
        let Some(sq) = cx.from.question(s) else {
            continue;
        };
        match convert(x, sq, tq, values) {
            Ok(y) => converted.push((s.clone(), y)),
            Err(why) => refused.push(why),
        }
    }
    let Some(y) = pick(&converted, tq, u.rule) else {
        for (id, x) in before {
            out.record.original.insert(id.clone(), x.clone());
        }
        out.entries.push(MigrationEntry {
            outcome: Outcome::NotCarried,
            from: before.keys().cloned().collect(),
            to: Some(t.to_owned()),
            before: before.clone(),
            after: None,
            reason: Some(refused.join("; ")),
        });
        return;
    };
    let unchanged = before.len() == 1
        && before.values().next().is_some_and(|x| x == &y)
        && u.targets.len() == 1;
    let outcome = if unchanged {
        Outcome::Carried
    } else {
        Outcome::Transformed
    };
    let reason = match (outcome, refused.is_empty()) {
        (Outcome::Carried, _) => u.renamed.then(|| "renamed".to_owned()),
        (_, true) => Some(describe(u)),
        (_, false) => Some(format!("{}; {}", describe(u), refused.join("; "))),
    };
    if outcome != Outcome::Carried {
        for (id, x) in before {
            out.record.original.insert(id.clone(), x.clone());
        }
        out.record.produced.insert(t.to_owned(), y.clone());
    }
    out.answers.insert(t.to_owned(), y.clone());
    out.written.insert(t.to_owned());
    out.entries.push(MigrationEntry {
        outcome,
        from: before.keys().cloned().collect(),
        to: Some(t.to_owned()),
        before: before.clone(),
        after: Some(y),
        reason,
    });
}

/// New questions: from the history when it has them, else reported to
/// answer.
fn add_new_questions(cx: &Carry, crosswalk: &Crosswalk, out: &mut Carried) {
    let mapped_to: BTreeSet<&str> = crosswalk.mappings.iter().flat_map(|m| parts(m).1).collect();
    for q in &cx.to.questions {
        if out.written.contains(&q.id) || out.answers.contains_key(&q.id) {
            continue;
        }
        if out
            .entries
            .iter()
            .any(|e| e.to.as_deref() == Some(q.id.as_str()))
        {
            continue;
        }
        if let Some(original) = cx.back.and_then(|rec| rec.original.get(&q.id)) {
            out.answers.insert(q.id.clone(), original.clone());
            out.entries.push(MigrationEntry {
                outcome: Outcome::Restored,
                from: Vec::new(),
                to: Some(q.id.clone()),
                before: IndexMap::new(),
                after: Some(original.clone()),
                reason: Some(restored_reason(cx.from, cx.to)),
            });
            continue;
        }
        // New in this version: added by the crosswalk, or absent before and
        // not the target of any mapping (a question of both versions simply
        // left unanswered is not new).
        let added = crosswalk
            .mappings
            .iter()
            .any(|m| matches!(m, Mapping::Add { to } if *to == q.id))
            || (cx.from.question(&q.id).is_none() && !mapped_to.contains(q.id.as_str()));
        if added && q.level <= cx.a.level {
            out.entries.push(MigrationEntry {
                outcome: Outcome::Added,
                from: Vec::new(),
                to: Some(q.id.clone()),
                before: IndexMap::new(),
                after: None,
                reason: Some("new question, to answer".to_owned()),
            });
        }
    }
}

/// The migrated assessment: the carried answers in the new version's
/// order, the level capped by the new version, plan marks kept for the
/// questions it still has.
fn migrated_assessment(
    a: &Assessment,
    to: &Referential,
    mut answers: IndexMap<String, Answer>,
) -> Assessment {
    let mut ordered: IndexMap<String, Answer> = IndexMap::new();
    for q in &to.questions {
        if let Some(x) = answers.shift_remove(&q.id) {
            ordered.insert(q.id.clone(), x);
        }
    }
    Assessment {
        referential: reference(to),
        profile: a.profile.clone(),
        date: a.date.clone(),
        level: a
            .level
            .min(to.questions.iter().map(|q| q.level).max().unwrap_or(1))
            .max(1),
        answers: ordered,
        from_plan: a
            .from_plan
            .iter()
            .filter(|(k, _)| to.question(k).is_some())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        migrations: a.migrations.clone(),
    }
}

/// How many entries have each outcome.
fn count(entries: &[MigrationEntry]) -> MigrationCounts {
    let mut counts = MigrationCounts::default();
    for e in entries {
        match e.outcome {
            Outcome::Carried => counts.carried += 1,
            Outcome::Transformed => counts.transformed += 1,
            Outcome::Restored => counts.restored += 1,
            Outcome::NotCarried => counts.not_carried += 1,
            Outcome::Added => counts.added += 1,
        }
    }
    counts
}

fn restored_reason(from: &Referential, to: &Referential) -> String {
    format!(
        "the answer given on {} {} before its migration to {} {}, unchanged since",
        to.id, to.version, from.id, from.version
    )
}

fn describe(u: &Unit) -> String {
    match (u.sources.len(), u.targets.len()) {
        (1, 1) => "value translated".to_owned(),
        (1, _) => format!("split into {}", u.targets.join(", ")),
        (_, _) => format!(
            "merged from {} ({} answer when they differ)",
            u.sources.join(", "),
            match u.rule {
                MergeRule::Lowest => "lowest",
                MergeRule::Highest => "highest",
            }
        ),
    }
}

/// The merged answer: unanswered sources aside, the common answer, else the
/// lowest (or highest) scoring one; "not applicable" only when all are.
fn pick(converted: &[(String, Answer)], t: &Question, rule: MergeRule) -> Option<Answer> {
    let answered: Vec<&Answer> = converted
        .iter()
        .map(|(_, a)| a)
        .filter(|a| !matches!(a, Answer::Unanswered { .. }))
        .collect();
    let Some(first) = answered.first() else {
        return converted.first().map(|(_, a)| a.clone());
    };
    if answered.iter().all(|a| same_value(a, first)) {
        let mut out = (*first).clone();
        if answered.len() > 1 {
            let comments: Vec<String> = converted
                .iter()
                .filter_map(|(id, a)| a.comment().map(|c| format!("{id} : {c}")))
                .collect();
            out.set_comment((!comments.is_empty()).then(|| comments.join(" / ")));
        }
        return Some(out);
    }
    let scored: Vec<(&String, &Answer, i64)> = converted
        .iter()
        .filter_map(|(id, a)| scoring::answer_points(t, a).map(|p| (id, a, p)))
        .collect();
    let best = match rule {
        MergeRule::Lowest => scored.iter().min_by_key(|(_, _, p)| *p),
        MergeRule::Highest => scored.iter().max_by_key(|(_, _, p)| *p),
    };
    best.map(|(_, a, _)| {
        let mut out = (*a).clone();
        let comments: Vec<String> = converted
            .iter()
            .filter_map(|(id, a)| a.comment().map(|c| format!("{id} : {c}")))
            .collect();
        out.set_comment((!comments.is_empty()).then(|| comments.join(" / ")));
        out
    })
}

/// Answers the new version refuses (e.g. "not applicable" no longer
/// allowed, a justification now required) are taken out, reported and kept
/// in the history.
fn refuse_invalid(
    a: &mut Assessment,
    to: &Referential,
    entries: &mut [MigrationEntry],
    record: &mut MigrationRecord,
) {
    for _ in 0..=a.answers.len() {
        let issues = crate::check::validate::validate_assessment(a, to);
        let bad: Vec<(String, String)> = issues
            .iter()
            .filter(|i| i.is_error())
            .filter_map(|i| {
                let rest = i.path.strip_prefix("/answers/")?;
                let key = rest.split('/').next()?;
                let id = key.replace("~1", "/").replace("~0", "~");
                Some((id, i.message.clone()))
            })
            .collect();
        if bad.is_empty() {
            return;
        }
        for (id, why) in bad {
            let Some(x) = a.answers.shift_remove(&id) else {
                continue;
            };
            a.from_plan.shift_remove(&id);
            record.produced.shift_remove(&id);
            for e in entries.iter_mut() {
                if e.to.as_deref() == Some(id.as_str()) && e.after.is_some() {
                    for (src, ans) in &e.before {
                        record.original.insert(src.clone(), ans.clone());
                    }
                    e.outcome = Outcome::NotCarried;
                    e.after = None;
                    e.reason = Some(format!(
                        "the new version refuses {x:?}: {why}",
                        x = x.kind_name()
                    ));
                }
            }
        }
    }
}

/// What a migration would change: the index and theme scores before and
/// after, and the report.
pub fn simulate(
    from: &Referential,
    a: &Assessment,
    crosswalk: &Crosswalk,
    to: &Referential,
) -> MigrationSimulation {
    let m = migrate(from, a, crosswalk, to);
    let before = report::score(from, a, Vec::new());
    let after = report::score(to, &m.assessment, Vec::new());
    let mut themes: Vec<ThemeChange> = before
        .themes
        .iter()
        .map(|t| ThemeChange {
            id: t.id.clone(),
            before: t.score,
            after: after
                .themes
                .iter()
                .find(|x| x.id == t.id)
                .and_then(|x| x.score),
        })
        .collect();
    for t in &after.themes {
        if !themes.iter().any(|x| x.id == t.id) {
            themes.push(ThemeChange {
                id: t.id.clone(),
                before: None,
                after: t.score,
            });
        }
    }
    MigrationSimulation {
        index_before: before.index,
        index_after: after.index,
        index_delta: match (before.index, after.index) {
            (Some(b), Some(x)) => Some(round2(x - b)),
            _ => None,
        },
        grade_before: before.grade.map(|g| g.grade),
        grade_after: after.grade.map(|g| g.grade),
        themes,
        report: m.report,
    }
}
