//! Éco-clic's answers → one assessment per collectivité.
//!
//! Tables read, beside the questionnaire's: `collectivite` (id, name,
//! population, departement_id, siret, type_id, level_two,
//! last_answered_at), `collectivite_answer` (id, answer_id,
//! collectivite_id, body, answered_at), and when present
//! `collectivite_type` (id, label) and `departement` (code, region_code).
//!
//! - profile: the name; the kind from the type's label (`MAIRIE` →
//!   commune, `COMCOM` → communauté de communes, `CA` → communauté
//!   d'agglomération, `CU`, `METROPOLE`, `DEPARTEMENT`, `REGION`,
//!   `SYNDICAT`/`OPSN`; anything else, `EPCI` included, → other, with a
//!   warning); the population; the SIRET as SIREN + establishment; the
//!   département and its région;
//! - date: `last_answered_at` (else the latest `answered_at` of its rows);
//!   level: 2 when `level_two` is set;
//! - answers: each row's answer row gives the question and the answer
//!   (yes, no, an option, "don't know", "not applicable"); the options
//!   ticked on a checkbox question together; on a radio question the
//!   latest row (`answered_at`, then the dump's order), the others
//!   reported; the text of a free-text row is the answer's comment (its
//!   label first when the question has several). Answers to questions
//!   hidden by their condition or above the level are kept (the library
//!   ignores them in its figures, with a warning).
//!
//! Not carried, and reported per collectivité with the row's text: rows
//! whose answer row is not in the questionnaire (or not in the referential
//! given), rows of a radio question beyond the latest, "don't know" or
//! "not concerned" ticked with other answers. A collectivité with neither
//! an answer nor a date, and rows of an unknown collectivité, are reported
//! in `skipped`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{require, Columns, EcoClicSource, Questionnaire, RowKind, RowMeaning};
use crate::import::Skipped;
use crate::input::parse::join;
use crate::model::assessment::{Answer, Assessment, ReferentialRef};
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::profile::{Profile, ProfileKind};
use crate::model::referential::{Referential, Response};

use super::tables::Row;

/// Éco-clic's answers as assessments, and what the import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportedAnswers {
    /// One assessment per collectivité, in the order of the source.
    pub assessments: Vec<ImportedAssessment>,
    /// What was carried and what was not.
    pub report: AnswersReport,
}

/// The assessment of one collectivité.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportedAssessment {
    /// The collectivité's id in Éco-clic.
    pub collectivite: String,
    /// Its assessment, valid for the referential.
    pub assessment: Assessment,
}

/// What an import of answers did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersReport {
    /// Counts.
    pub counts: AnswersCounts,
    /// Per collectivité, what was not carried and what was assumed (only
    /// those with something to report).
    #[serde(default)]
    pub collectivites: Vec<CollectiviteReport>,
    /// Collectivités without an assessment, and rows of no collectivité.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// Counts of an import of answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersCounts {
    /// Collectivités in the source.
    pub collectivites: u32,
    /// Assessments written.
    pub assessments: u32,
    /// Answer rows (`collectivite_answer`) in the source.
    pub rows: u32,
    /// Rows carried into an assessment (as an answer or its comment).
    pub carried: u32,
}

/// What was not carried of one collectivité's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiviteReport {
    /// The collectivité's id in Éco-clic.
    pub collectivite: String,
    /// Its name.
    pub name: String,
    /// Rows not carried into its assessment.
    #[serde(default)]
    pub not_carried: Vec<NotCarried>,
    /// Things kept with an assumption (a kind, a malformed SIRET dropped…).
    #[serde(default)]
    pub warnings: Vec<Issue>,
}

/// A row not carried into an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotCarried {
    /// The row: `/collectivite_answer/<id>`.
    pub path: String,
    /// Why.
    pub reason: String,
    /// The text the collectivité wrote in it, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

const TABLES: &[&str] = &[
    "category",
    "theme",
    "question",
    "answer",
    "collectivite",
    "collectivite_answer",
    "collectivite_type",
    "departement",
];

/// Imports Éco-clic's answers: one assessment per collectivité, for
/// `referential` (the questionnaire imported from the same source when
/// `None`; see [`super::import`]). Answer rows are matched through the
/// source's questionnaire, so a referential given must be that import (its
/// texts may have been edited, not its ids).
pub fn import_answers(
    source: &EcoClicSource,
    referential: Option<&Referential>,
) -> Result<ImportedAnswers, Error> {
    let tables = source.read(TABLES)?;
    let base = source.base();
    let questionnaire = Questionnaire::build(&tables, base)?;
    let cols = require(
        &tables,
        base,
        &[
            ("collectivite", &["id", "name"]),
            (
                "collectivite_answer",
                &["id", "answer_id", "collectivite_id"],
            ),
        ],
    )?;
    let (Some(collectivite), Some(rows)) = (cols.first(), cols.get(1)) else {
        return Err(super::source_error(Vec::new()));
    };
    if referential.is_none() {
        checked(&questionnaire.referential)?;
    }
    let r = referential.unwrap_or(&questionnaire.referential);
    let places = Places {
        types: pairs(&tables, "collectivite_type", "id", "label"),
        regions: pairs(&tables, "departement", "code", "region_code"),
    };
    let mut report = AnswersReport {
        counts: AnswersCounts {
            collectivites: count(collectivite.table.rows.len()),
            rows: count(rows.table.rows.len()),
            ..AnswersCounts::default()
        },
        collectivites: Vec::new(),
        skipped: Vec::new(),
    };
    let by_collectivite = group(collectivite, rows, &mut report.skipped);
    let lookup = Lookup {
        questionnaire: &questionnaire,
        r,
        rows,
    };
    let mut assessments = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    for row in &collectivite.table.rows {
        let path = collectivite.path(row);
        let Some(id) = collectivite.id(row, "id") else {
            report.skipped.push(Skipped {
                path: "/collectivite".to_owned(),
                reason: format!("line {}: a collectivité without id", row.line),
            });
            continue;
        };
        if !done.insert(id) {
            report.skipped.push(Skipped {
                path,
                reason: "a second collectivité with this id".to_owned(),
            });
            continue;
        }
        let own = by_collectivite
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        match lookup.assessment(collectivite, row, own, &places) {
            Ok((assessment, carried, one)) => {
                report.counts.carried += carried;
                if !one.not_carried.is_empty() || !one.warnings.is_empty() {
                    report.collectivites.push(one);
                }
                assessments.push(ImportedAssessment {
                    collectivite: id.to_owned(),
                    assessment,
                });
            }
            Err((reason, one)) => {
                report.skipped.push(Skipped { path, reason });
                report.collectivites.extend(one);
            }
        }
    }
    report.counts.assessments = count(assessments.len());
    Ok(ImportedAnswers {
        assessments,
        report,
    })
}

/// The questionnaire imported on the way, checked as an import is.
fn checked(q: &Referential) -> Result<(), Error> {
    crate::input::limits::check_referential(q).map_err(|i| super::source_error(vec![i]))?;
    let issues = crate::check::validate::validate_referential(q);
    if issues.iter().any(Issue::is_error) {
        return Err(Error::Invalid {
            document: crate::model::error::DocumentKind::Referential,
            issues,
        });
    }
    Ok(())
}

/// Labels of collectivité types and régions of départements, by id.
struct Places<'t> {
    types: BTreeMap<&'t str, &'t str>,
    regions: BTreeMap<&'t str, &'t str>,
}

/// `key` → `value` of an optional table's rows.
fn pairs<'t>(
    tables: &'t super::tables::Tables,
    name: &'static str,
    key: &str,
    value: &str,
) -> BTreeMap<&'t str, &'t str> {
    let Some(table) = tables.tables.get(name) else {
        return BTreeMap::new();
    };
    let c = Columns { table, name };
    table
        .rows
        .iter()
        .filter_map(|row| Some((c.id(row, key)?, c.id(row, value)?)))
        .collect()
}

/// Answer rows by collectivité, in the source's order (with their
/// position); rows of no known collectivité are skipped.
fn group<'r>(
    collectivite: &Columns<'r>,
    rows: &Columns<'r>,
    skipped: &mut Vec<Skipped>,
) -> BTreeMap<&'r str, Vec<(usize, &'r Row)>> {
    let ids: std::collections::BTreeSet<&str> = collectivite
        .table
        .rows
        .iter()
        .filter_map(|row| collectivite.id(row, "id"))
        .collect();
    let mut out: BTreeMap<&str, Vec<(usize, &Row)>> = BTreeMap::new();
    for (position, row) in rows.table.rows.iter().enumerate() {
        match rows.id(row, "collectivite_id") {
            Some(c) if ids.contains(c) => out.entry(c).or_default().push((position, row)),
            Some(c) => skipped.push(Skipped {
                path: rows.path(row),
                reason: format!("its collectivité {c:?} does not exist"),
            }),
            None => skipped.push(Skipped {
                path: rows.path(row),
                reason: "it names no collectivité".to_owned(),
            }),
        }
    }
    out
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The date of the assessment: `last_answered_at`, else the latest
/// `answered_at` of its rows, as `YYYY-MM-DD`.
fn date(c: &Columns<'_>, row: &Row, rows: &Columns<'_>, own: &[(usize, &Row)]) -> Option<String> {
    let day = |s: &str| {
        s.get(..10)
            .and_then(crate::model::assessment::parse_date)
            .map(crate::model::assessment::date_string)
    };
    c.id(row, "last_answered_at").and_then(day).or_else(|| {
        own.iter()
            .filter_map(|(_, r)| rows.id(r, "answered_at").and_then(day))
            .max()
    })
}

/// The kind of collectivité of an Éco-clic type label; `None` when it
/// names none (`EPCI` is several kinds).
fn kind_of(label: &str) -> Option<ProfileKind> {
    let folded = super::fold(label).replace(['-', '_', '\''], " ");
    Some(match folded.trim() {
        "mairie" | "commune" => ProfileKind::Commune,
        "comcom" | "cc" | "communaute de communes" => ProfileKind::CommunauteDeCommunes,
        "ca" | "communaute d agglomeration" | "agglomeration" => {
            ProfileKind::CommunauteDAgglomeration
        }
        "cu" | "communaute urbaine" => ProfileKind::CommunauteUrbaine,
        "metropole" => ProfileKind::Metropole,
        "departement" | "conseil departemental" => ProfileKind::Departement,
        "region" | "conseil regional" => ProfileKind::Region,
        "syndicat" | "opsn" | "sivu" | "sivom" | "syndicat mixte" => ProfileKind::SyndicatOrOpsn,
        "autre" | "other" => ProfileKind::Other,
        _ => return None,
    })
}

/// A SIRET as SIREN and establishment number (a SIREN alone is kept).
fn siret(value: &str) -> Option<(String, Option<String>)> {
    let digits: String = value.chars().filter(|ch| !ch.is_whitespace()).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        14 => Some((
            digits.get(..9)?.to_owned(),
            Some(digits.get(9..)?.to_owned()),
        )),
        9 => Some((digits, None)),
        _ => None,
    }
}

fn profile(
    c: &Columns<'_>,
    row: &Row,
    places: &Places<'_>,
    one: &mut CollectiviteReport,
) -> Profile {
    let path = c.path(row);
    let mut warn = |column: &str, message: String| {
        one.warnings.push(Issue::warning(
            IssueCode::InvalidProfile,
            join(&path, column),
            message,
        ));
    };
    let name: String = super::text(c.get(row, "name"))
        .unwrap_or_default()
        .chars()
        .filter(|ch| !ch.is_control())
        .collect();
    let name = if name.trim().is_empty() {
        warn(
            "name",
            "no name: the collectivité's id is its name".to_owned(),
        );
        format!("Collectivité {}", c.id(row, "id").unwrap_or_default())
    } else {
        name
    };
    let label = c
        .id(row, "type_id")
        .map(|t| places.types.get(t).copied().unwrap_or(t));
    let kind = label.map_or(ProfileKind::Other, |label| {
        kind_of(label).unwrap_or_else(|| {
            warn(
                "type_id",
                format!("type {label:?} is not one kind of collectivité: other"),
            );
            ProfileKind::Other
        })
    });
    let population = match c.int(row, "population") {
        Some(p) => u32::try_from(p.max(0)).unwrap_or(u32::MAX),
        None => {
            warn("population", "no population: 0".to_owned());
            0
        }
    };
    let (siren, establishment) = match c.id(row, "siret") {
        Some(s) => siret(s).map_or_else(
            || {
                warn(
                    "siret",
                    format!("SIRET {s:?} is not 14 digits: not carried"),
                );
                (None, None)
            },
            |(siren, nic)| (Some(siren), nic),
        ),
        None => (None, None),
    };
    let departement = c.id(row, "departement_id").map(str::to_uppercase);
    // INSEE région codes have 2 digits ('1' → '01' for Guadeloupe).
    let region = departement
        .as_deref()
        .and_then(|d| places.regions.get(d))
        .map(|r| format!("{r:0>2}"));
    Profile {
        name,
        kind,
        population,
        siren,
        establishment,
        insee: None,
        departement,
        region,
    }
}

/// How the rows of a collectivité become answers.
struct Lookup<'a> {
    questionnaire: &'a Questionnaire,
    r: &'a Referential,
    rows: &'a Columns<'a>,
}

/// A row of a collectivité, read.
struct Given<'a> {
    position: usize,
    row: &'a Row,
    meaning: &'a RowMeaning,
    answered_at: String,
    text: Option<String>,
}

const TICKED_WITH_OTHERS: &str = "\"don't know\" or \"not concerned\" ticked with other answers of a checkbox question: the other answers are kept";
const NOT_THE_LATEST: &str =
    "another answer of this one-answer question is later (answered_at): the latest is kept";

impl Lookup<'_> {
    /// A collectivité's assessment, how many rows it carries and what it
    /// did not; or why there is none.
    #[allow(clippy::type_complexity)]
    fn assessment(
        &self,
        collectivite: &Columns<'_>,
        row: &Row,
        own: &[(usize, &Row)],
        places: &Places<'_>,
    ) -> Result<(Assessment, u32, CollectiviteReport), (String, Option<CollectiviteReport>)> {
        let mut one = CollectiviteReport {
            collectivite: collectivite.id(row, "id").unwrap_or_default().to_owned(),
            name: collectivite.id(row, "name").unwrap_or_default().to_owned(),
            not_carried: Vec::new(),
            warnings: Vec::new(),
        };
        let Some(date) = date(collectivite, row, self.rows, own) else {
            return Err((
                "no answer and no date of answer: no assessment".to_owned(),
                None,
            ));
        };
        let profile = profile(collectivite, row, places, &mut one);
        let (answers, mut carried) = self.answers(own, &mut one);
        let mut assessment = Assessment {
            referential: ReferentialRef {
                id: self.r.id.clone(),
                version: self.r.version.clone(),
            },
            profile,
            date,
            level: if collectivite.flag(row, "level_two") {
                2
            } else {
                1
            },
            answers,
            from_plan: Default::default(),
            migrations: Vec::new(),
        };
        if settle(&mut assessment, self.r, &mut one, &mut carried) {
            Ok((assessment, carried, one))
        } else {
            Err((
                "its assessment stays invalid for the referential".to_owned(),
                Some(one),
            ))
        }
    }

    /// A collectivité's rows by question; rows that name no answer row of
    /// the questionnaire and the referential are reported.
    fn by_question<'g>(
        &'g self,
        own: &[(usize, &'g Row)],
        one: &mut CollectiviteReport,
    ) -> BTreeMap<&'g str, Vec<Given<'g>>> {
        let rows = self.rows;
        let mut out: BTreeMap<&str, Vec<Given<'_>>> = BTreeMap::new();
        for &(position, row) in own {
            let text: Option<String> = rows
                .get(row, "body")
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty());
            let reason = match rows.id(row, "answer_id") {
                None => "it names no answer row".to_owned(),
                Some(id) => match self.questionnaire.rows.get(id) {
                    None => format!("answer row {id:?} is not in the questionnaire"),
                    Some(meaning) => {
                        let fits = self.r.question(&meaning.question).is_some_and(|q| {
                            meaning.kind != RowKind::Option || q.response.option(id).is_some()
                        });
                        if fits {
                            out.entry(meaning.question.as_str())
                                .or_default()
                                .push(Given {
                                    position,
                                    row,
                                    meaning,
                                    answered_at: rows
                                        .id(row, "answered_at")
                                        .unwrap_or_default()
                                        .to_owned(),
                                    text,
                                });
                            continue;
                        }
                        format!("answer row {id:?} is not in the referential")
                    }
                },
            };
            one.not_carried.push(NotCarried {
                path: rows.path(row),
                reason,
                text,
            });
        }
        out
    }

    /// The answers of a collectivité's rows, and how many rows they carry.
    fn answers(
        &self,
        own: &[(usize, &Row)],
        one: &mut CollectiviteReport,
    ) -> (indexmap::IndexMap<String, Answer>, u32) {
        let mut by_question = self.by_question(own, one);
        let mut answers = indexmap::IndexMap::new();
        let mut carried = 0u32;
        // In the referential's order.
        for q in &self.r.questions {
            let Some(mut given) = by_question.remove(q.id.as_str()) else {
                continue;
            };
            given.sort_by(|a, b| {
                a.answered_at
                    .cmp(&b.answered_at)
                    .then(a.position.cmp(&b.position))
            });
            let multiple = matches!(q.response, Response::MultipleChoice { .. });
            let kept = chosen(&given, multiple);
            let is_kept = |g: &Given<'_>| kept.iter().any(|k| k.position == g.position);
            // A filled text field is carried in the comment.
            let in_comment = |g: &Given<'_>| g.meaning.input && g.text.is_some();
            for g in given.iter().filter(|g| !is_kept(g) && !in_comment(g)) {
                one.not_carried.push(NotCarried {
                    path: self.rows.path(g.row),
                    reason: (if multiple {
                        TICKED_WITH_OTHERS
                    } else {
                        NOT_THE_LATEST
                    })
                    .to_owned(),
                    text: g.text.clone(),
                });
            }
            let texts: Vec<&Given<'_>> = given
                .iter()
                .filter(|g| g.text.is_some() && (g.meaning.input || is_kept(g)))
                .collect();
            carried += count(given.iter().filter(|g| is_kept(g) || in_comment(g)).count());
            answers.insert(q.id.clone(), self.answer(&kept, comment(&texts)));
        }
        (answers, carried)
    }

    /// The answer the kept rows give.
    fn answer(&self, kept: &[&Given<'_>], comment: Option<String>) -> Answer {
        let evidence = Vec::new();
        match kept.first().map(|g| &g.meaning.kind) {
            None => Answer::Unanswered { comment, evidence },
            Some(RowKind::Yes) => Answer::Yes { comment, evidence },
            Some(RowKind::No) => Answer::No { comment, evidence },
            Some(RowKind::DontKnow) => Answer::DontKnow { comment, evidence },
            Some(RowKind::NotApplicable) => Answer::NotApplicable {
                justification: None,
                comment,
                evidence,
            },
            Some(RowKind::Option) => Answer::Choice {
                options: kept
                    .iter()
                    .filter_map(|g| self.rows.id(g.row, "answer_id").map(str::to_owned))
                    .collect(),
                comment,
                evidence,
            },
        }
    }
}

/// The rows that make the answer (`given` in time order): the options
/// ticked on a checkbox question ("don't know" or "not concerned" alone),
/// the latest choice on a radio question (a filled text field when there
/// is nothing else).
fn chosen<'g, 'a>(given: &'g [Given<'a>], multiple: bool) -> Vec<&'g Given<'a>> {
    if multiple {
        let options: Vec<&Given<'_>> = given
            .iter()
            .filter(|g| g.meaning.kind == RowKind::Option)
            .collect();
        if !options.is_empty() {
            return options;
        }
        let exclusive =
            |g: &&Given<'_>| matches!(g.meaning.kind, RowKind::DontKnow | RowKind::NotApplicable);
        return given.iter().rev().find(exclusive).into_iter().collect();
    }
    given
        .iter()
        .rev()
        .find(|g| !g.meaning.input)
        .or_else(|| given.last())
        .into_iter()
        .collect()
}

/// The comment of an answer: the one text, or each text after its row's
/// label.
fn comment(texts: &[&Given<'_>]) -> Option<String> {
    match texts {
        [] => None,
        [only] => only.text.clone(),
        several => Some(
            several
                .iter()
                .map(|g| {
                    format!(
                        "{} : {}",
                        g.meaning.label,
                        g.text.as_deref().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// Makes the assessment valid for the referential: an answer the
/// validation refuses is reported and removed, a malformed profile field
/// dropped. False when it cannot be made valid.
fn settle(
    a: &mut Assessment,
    r: &Referential,
    one: &mut CollectiviteReport,
    carried: &mut u32,
) -> bool {
    for _ in 0..3 {
        let errors: Vec<Issue> = crate::check::validate::validate_assessment(a, r)
            .into_iter()
            .filter(Issue::is_error)
            .collect();
        if errors.is_empty() {
            return true;
        }
        for e in errors {
            let mut parts = e.path.split('/').skip(1);
            match (parts.next(), parts.next()) {
                (Some("answers"), Some(q)) => {
                    let q = q.replace("~1", "/").replace("~0", "~");
                    if a.answers.shift_remove(&q).is_some() {
                        *carried = carried.saturating_sub(1);
                        one.not_carried.push(NotCarried {
                            path: join("/answers", &q),
                            reason: format!("{}: {}", e.code.as_str(), e.message),
                            text: None,
                        });
                    }
                }
                (Some("profile"), Some(field)) => {
                    let p = &mut a.profile;
                    match field {
                        "siren" => p.siren = None,
                        "establishment" => p.establishment = None,
                        "departement" => p.departement = None,
                        "region" => p.region = None,
                        "insee" => p.insee = None,
                        _ => {}
                    }
                    one.warnings.push(Issue::warning(
                        IssueCode::InvalidProfile,
                        e.path.clone(),
                        format!("{}: not carried", e.message),
                    ));
                }
                _ => {
                    one.warnings.push(e.clone());
                }
            }
        }
    }
    let issues = crate::check::validate::validate_assessment(a, r);
    let valid = !issues.iter().any(Issue::is_error);
    if !valid {
        one.warnings
            .extend(issues.into_iter().filter(Issue::is_error));
    }
    valid
}
