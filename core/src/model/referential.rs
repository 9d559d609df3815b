//! The referential: themes, questions, recommended actions and grade bands.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::profile::ProfileKind;
use crate::model::text::Text;

fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}
fn one_point() -> i64 {
    1
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}

/// A referential of good practices, organised in themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referential {
    /// Stable identifier (e.g. `sobriete-reen`).
    pub id: String,
    /// Semantic version (`MAJOR.MINOR.PATCH`); assessments are compared only
    /// within one major version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// What the referential covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Who publishes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Licence of its texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Themes, in display order.
    pub themes: Vec<Theme>,
    /// Questions, in display order.
    pub questions: Vec<Question>,
    /// Recommended actions.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Grade bands: the grade of an index is the band with the highest `min`
    /// not above it. One band must start at 0. Without bands, reports carry
    /// no grade.
    #[serde(default)]
    pub grades: Vec<GradeBand>,
    /// What changed in each version, newest first (the Markdown rendering's
    /// changelog).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<VersionChanges>,
    /// Lookup tables by id, built on first use (not part of the document;
    /// build a referential with `Lookup::default()` here).
    #[serde(skip)]
    #[schemars(skip)]
    pub lookup: Lookup,
}

/// Positions of the questions and themes by id, built once per referential
/// on first use: scoring and validation look ids up for every answer.
/// A table that no longer matches the referential (its vectors changed
/// after the first lookup) is never trusted: lookups check the item found
/// and fall back to a scan.
#[derive(Debug, Default)]
pub struct Lookup {
    // Short ids looked up for every answer: a fast hash (no untrusted
    // adversary gains from collisions here beyond a slower batch).
    questions: std::sync::OnceLock<rustc_hash::FxHashMap<String, usize>>,
    themes: std::sync::OnceLock<rustc_hash::FxHashMap<String, usize>>,
    /// Per question: the position of its theme and of its condition's parent.
    links: std::sync::OnceLock<Vec<(Option<usize>, Option<usize>)>>,
    /// Set only while the referential is held, unchangeable, by a checked
    /// referential (`api::CheckedReferential`): the operations then skip
    /// validating it again.
    checked: bool,
}

impl Clone for Lookup {
    /// A copy is a new document its owner may change: it is not checked.
    fn clone(&self) -> Lookup {
        Lookup {
            questions: self.questions.clone(),
            themes: self.themes.clone(),
            links: self.links.clone(),
            checked: false,
        }
    }
}

impl Lookup {
    /// Whether a checked referential holds this one (see `checked`).
    pub(crate) fn is_checked(&self) -> bool {
        self.checked
    }

    /// Marks or unmarks the referential as checked: only the checked
    /// referential type calls it, when it takes or gives back ownership.
    pub(crate) fn set_checked(&mut self, checked: bool) {
        self.checked = checked;
    }
}

impl PartialEq for Lookup {
    /// Derived data: two referentials are equal whatever their tables.
    fn eq(&self, _: &Lookup) -> bool {
        true
    }
}

fn first_positions<'a>(ids: impl Iterator<Item = &'a str>) -> rustc_hash::FxHashMap<String, usize> {
    let mut map = rustc_hash::FxHashMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.to_owned()).or_insert(i);
    }
    map
}

/// A theme of questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Identifier, unique in the referential.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Weight of the theme in the index (finite, > 0; default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Optional sub-themes (for display and sub-scores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_themes: Vec<SubTheme>,
}

/// A sub-theme of a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubTheme {
    /// Identifier, unique in its theme.
    pub id: String,
    /// Title.
    pub title: Text,
}

/// A question of the questionnaire: one good practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Identifier, unique in the referential.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Sub-theme id (one of the theme's sub-themes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_theme: Option<String>,
    /// Level: 1 (essentials) or 2 (more complete). A level-2 assessment
    /// answers both levels.
    pub level: u8,
    /// The question as asked.
    pub prompt: Text,
    /// How to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Why the practice matters, shown when it is not in place.
    pub rationale: Text,
    /// Weight of the question in its theme (finite, > 0; default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Kind of answer and its points.
    pub response: Response,
    /// Whether "don't know" is accepted (it scores 0).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub allow_dont_know: bool,
    /// Whether "not applicable" is accepted (the question is then not counted).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_not_applicable: bool,
    /// Whether a "not applicable" answer must carry a justification.
    #[serde(default, skip_serializing_if = "is_false")]
    pub require_justification: bool,
    /// Shown (and counted) only when a parent question got a given answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// Profiles the question applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Applicability>,
    /// References: REEN decree areas, RGESN criteria, legal texts, URLs.
    #[serde(default, skip_serializing_if = "References::is_empty")]
    pub references: References,
    /// Points of its "not applicable" answer in the Éco-clic-compatible
    /// figure (where it is an answer row with points of its own), when not
    /// the default: the question's most
    /// points. Our index does not read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eco_clic_not_applicable: Option<u32>,
    /// Points of its "don't know" answer in the Éco-clic-compatible figure,
    /// when not the default: 0. (Points of an answer the question does not
    /// allow are never earned nor counted.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eco_clic_dont_know: Option<u32>,
}

impl Question {
    /// Points "not applicable" earns in the Éco-clic-compatible figure.
    pub fn eco_clic_not_applicable_points(&self) -> i64 {
        self.eco_clic_not_applicable
            .map_or_else(|| self.response.max_points().max(0), i64::from)
    }

    /// Points "don't know" earns in the Éco-clic-compatible figure.
    pub fn eco_clic_dont_know_points(&self) -> i64 {
        self.eco_clic_dont_know.map_or(0, i64::from)
    }

    /// The question's share of the Éco-clic-compatible denominator: the
    /// points of every answer it offers (every option, and "not applicable"
    /// and "don't know" when allowed).
    pub fn eco_clic_all_points(&self) -> i64 {
        let mut all = self.response.sum_of_all_points();
        if self.allow_not_applicable {
            all = all.saturating_add(self.eco_clic_not_applicable_points());
        }
        if self.allow_dont_know {
            all = all.saturating_add(self.eco_clic_dont_know_points());
        }
        all
    }
}

/// The kind of answer a question expects, with its points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Response {
    /// Yes or no.
    YesNo {
        /// Points of "yes" (default 1).
        #[serde(default = "one_point")]
        yes_points: i64,
        /// Points of "no" (default 0).
        #[serde(default)]
        no_points: i64,
    },
    /// Exactly one option.
    SingleChoice {
        /// The options, each with its points.
        options: Vec<AnswerOption>,
    },
    /// Any number of options; their points are summed, then capped.
    MultipleChoice {
        /// The options, each with its points.
        options: Vec<AnswerOption>,
        /// Cap of the sum (default: the sum of every option's points).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<i64>,
    },
    /// A number, mapped to points by threshold bands.
    Numeric {
        /// Unit shown next to the value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Text>,
        /// Smallest valid value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Largest valid value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// Bands by increasing `from`: a value scores the points of the last
        /// band whose `from` is ≤ the value, 0 below the first band.
        bands: Vec<Band>,
    },
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Identifier, unique in its question.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Points (integer ≥ 0).
    pub points: i64,
}

/// A threshold band of a numeric question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lower bound (inclusive).
    pub from: f64,
    /// Points of a value in this band (integer ≥ 0).
    pub points: i64,
}

/// A condition on a parent question's answer. The parent must itself be
/// shown and answered (not "don't know", not "not applicable").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The parent (yes/no) was answered yes.
    IsYes {
        /// Parent question id.
        question: String,
    },
    /// The parent (yes/no) was answered no.
    IsNo {
        /// Parent question id.
        question: String,
    },
    /// The parent (choice) has at least one of these options chosen.
    AnyOf {
        /// Parent question id.
        question: String,
        /// Option ids.
        options: Vec<String>,
    },
    /// The parent (numeric) value is ≥ `value`.
    AtLeast {
        /// Parent question id.
        question: String,
        /// Threshold.
        value: f64,
    },
    /// The parent (numeric) value is < `value`.
    LessThan {
        /// Parent question id.
        question: String,
        /// Threshold.
        value: f64,
    },
}

impl Condition {
    /// The parent question id.
    pub fn question(&self) -> &str {
        match self {
            Condition::IsYes { question }
            | Condition::IsNo { question }
            | Condition::AnyOf { question, .. }
            | Condition::AtLeast { question, .. }
            | Condition::LessThan { question, .. } => question,
        }
    }
}

/// Which profiles a question applies to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicability {
    /// Kinds of collectivité (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<ProfileKind>,
    /// Smallest population (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_population: Option<u32>,
    /// Largest population (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_population: Option<u32>,
}

/// The changes of one version of a referential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionChanges {
    /// The version these changes produced.
    pub version: String,
    /// Publication date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What changed and why, one item per change.
    pub items: Vec<Text>,
}

/// References of a question or an action.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// Areas 1–6 of decree n° 2022-1084 (article D. 2311-15-1 CGCT).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reen_areas: Vec<u8>,
    /// RGESN criterion ids (e.g. `4.3`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rgesn: Vec<String>,
    /// Legal texts: law, code or decree, with the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal: Vec<LegalReference>,
    /// Further reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<String>,
}

impl References {
    /// True when no reference is given.
    pub fn is_empty(&self) -> bool {
        self.reen_areas.is_empty()
            && self.rgesn.is_empty()
            && self.legal.is_empty()
            && self.urls.is_empty()
    }

    /// Every URL: the legal texts' then the further reading.
    pub fn all_urls(&self) -> impl Iterator<Item = &str> {
        self.legal
            .iter()
            .map(|l| l.url.as_str())
            .chain(self.urls.iter().map(String::as_str))
    }
}

/// A legal text a question or an action rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalReference {
    /// The text, with its number (e.g. `Loi n° 2021-1485 du 15 novembre 2021`,
    /// `Code de la commande publique`, `Directive (UE) 2023/1791`).
    pub text: String,
    /// The article(s), when not the whole text (e.g. `art. 15`, `L. 2152-7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Where to read it (an official `https` address).
    pub url: String,
}

/// A three-step rating (effort, impact).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Rating {
    /// Effort points used to add efforts up: low 1, medium 2, high 3.
    pub fn points(self) -> u32 {
        match self {
            Rating::Low => 1,
            Rating::Medium => 2,
            Rating::High => 3,
        }
    }
}

/// A cost band of an action.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CostBand {
    /// No spending (staff time only).
    None,
    /// Under 5 k€.
    Low,
    /// 5 to 50 k€.
    Medium,
    /// Over 50 k€.
    High,
}

impl CostBand {
    /// Budget estimate in euros used to add costs up: the band's upper
    /// bound (none 0, low 5,000, medium 50,000), 100,000 for high.
    pub fn estimate(self) -> u32 {
        match self {
            CostBand::None => 0,
            CostBand::Low => 5_000,
            CostBand::Medium => 50_000,
            CostBand::High => 100_000,
        }
    }
}

/// A recommended action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Identifier, unique among actions.
    pub id: String,
    /// Short imperative title.
    pub title: Text,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Effort to carry it out.
    pub effort: Rating,
    /// Expected environmental impact.
    pub impact: Rating,
    /// Cost band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostBand>,
    /// REEN decree area (1–6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reen_area: Option<u8>,
    /// The questions it improves and the answer each then gets.
    pub addresses: Vec<Addressed>,
    /// Actions that must be done before this one (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// References: REEN decree area, RGESN criteria, legal texts, URLs.
    #[serde(default, skip_serializing_if = "References::is_empty")]
    pub references: References,
}

/// A question an action improves and the answer it leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Addressed {
    /// Question id.
    pub question: String,
    /// The answer once the action is done.
    pub leads_to: Outcome,
}

/// An answer an action leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// Yes.
    Yes,
    /// No.
    No,
    /// These options (exactly one for a single choice).
    Choice {
        /// Option ids.
        options: Vec<String>,
    },
    /// This value.
    Number {
        /// Value.
        value: f64,
    },
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// Grade (e.g. `A`).
    pub grade: String,
    /// Smallest index of the band (0–100, inclusive).
    pub min: f64,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

impl Referential {
    /// The position of the (first) question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        let table = self
            .lookup
            .questions
            .get_or_init(|| first_positions(self.questions.iter().map(|q| q.id.as_str())));
        match table.get(id) {
            Some(&i) if self.questions.get(i).is_some_and(|q| q.id == id) => Some(i),
            _ => self.questions.iter().position(|q| q.id == id),
        }
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index(id).and_then(|i| self.questions.get(i))
    }

    /// The position of the (first) theme with this id.
    pub fn theme_index(&self, id: &str) -> Option<usize> {
        let table = self
            .lookup
            .themes
            .get_or_init(|| first_positions(self.themes.iter().map(|t| t.id.as_str())));
        match table.get(id) {
            Some(&i) if self.themes.get(i).is_some_and(|t| t.id == id) => Some(i),
            _ => self.themes.iter().position(|t| t.id == id),
        }
    }

    /// The position of the theme of the question at position `qi`.
    pub fn theme_of(&self, qi: usize) -> Option<usize> {
        let q = self.questions.get(qi)?;
        match self.links().get(qi) {
            Some(&(Some(ti), _)) if self.themes.get(ti).is_some_and(|t| t.id == q.theme) => {
                Some(ti)
            }
            _ => self.theme_index(&q.theme),
        }
    }

    /// The position of the question the condition of the question at
    /// position `qi` depends on (none without a condition or when unknown).
    pub fn parent_of(&self, qi: usize) -> Option<usize> {
        let parent = self.questions.get(qi)?.condition.as_ref()?.question();
        match self.links().get(qi) {
            Some(&(_, Some(p))) if self.questions.get(p).is_some_and(|q| q.id == parent) => Some(p),
            _ => self.question_index(parent),
        }
    }

    fn links(&self) -> &[(Option<usize>, Option<usize>)] {
        self.lookup.links.get_or_init(|| {
            self.questions
                .iter()
                .map(|q| {
                    (
                        self.theme_index(&q.theme),
                        q.condition
                            .as_ref()
                            .and_then(|c| self.question_index(c.question())),
                    )
                })
                .collect()
        })
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.theme_index(id).and_then(|i| self.themes.get(i))
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The grade of an index: the band with the highest `min` ≤ index.
    pub fn grade_for(&self, index: f64) -> Option<&GradeBand> {
        self.grades
            .iter()
            .filter(|g| g.min <= index)
            .max_by(|a, b| a.min.total_cmp(&b.min))
    }
}

impl Response {
    /// The most points an answer can get (0 for an empty question).
    pub fn max_points(&self) -> i64 {
        match self {
            Response::YesNo {
                yes_points,
                no_points,
            } => (*yes_points).max(*no_points).max(0),
            Response::SingleChoice { options } => {
                options.iter().map(|o| o.points).max().unwrap_or(0).max(0)
            }
            Response::MultipleChoice { options, cap } => {
                let sum = options
                    .iter()
                    .fold(0i64, |acc, o| acc.saturating_add(o.points.max(0)));
                match cap {
                    Some(c) => sum.min((*c).max(0)),
                    None => sum,
                }
            }
            Response::Numeric { bands, .. } => {
                bands.iter().map(|b| b.points).max().unwrap_or(0).max(0)
            }
        }
    }

    /// The sum of the points of every option (bands for a numeric question),
    /// the part of the Éco-clic-compatible denominator that
    /// [`Question::eco_clic_all_points`] completes.
    pub fn sum_of_all_points(&self) -> i64 {
        let sum =
            |it: &mut dyn Iterator<Item = i64>| it.fold(0i64, |a, p| a.saturating_add(p.max(0)));
        match self {
            Response::YesNo {
                yes_points,
                no_points,
            } => sum(&mut [*yes_points, *no_points].into_iter()),
            Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
                sum(&mut options.iter().map(|o| o.points))
            }
            Response::Numeric { bands, .. } => sum(&mut bands.iter().map(|b| b.points)),
        }
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        match self {
            Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
                options.iter().find(|o| o.id == id)
            }
            _ => None,
        }
    }

    /// A short name of the kind, as in JSON.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Response::YesNo { .. } => "yes_no",
            Response::SingleChoice { .. } => "single_choice",
            Response::MultipleChoice { .. } => "multiple_choice",
            Response::Numeric { .. } => "numeric",
        }
    }
}
