//! Report wording in one place: the French and English labels, and how
//! figures, counts, amounts in euros, dates and cost bands are written.
//! Every report (text,
//! Markdown, HTML, SVG captions, the annual review) takes its words and
//! number formats from here, so the languages and formats cannot drift
//! apart. CSV cells are machine-readable and keep their own number format
//! (a dot, no separators) in `csv.rs`.

use crate::engine::scoring::{round2, GapState};
use crate::model::crosswalk::{MigrationCounts, Outcome};
use crate::model::plan::ActionStatus;
use crate::model::referential::{CostBand, Rating};
use crate::model::text::Lang;
use crate::planning::plan::{IndexFigures, PlanStatus};

/// Picks the French or English text.
pub(crate) fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A figure for reading, to 2 decimals, with the French decimal comma:
/// `40,00` / `40.00`. Rounded half away from zero like every published
/// figure (`round2`), so a report never shows a figure the JSON rounds
/// differently; "–" when not finite.
pub(crate) fn num(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let s = format!("{:.2}", round2(x));
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A whole number with thousands separators ("121 400" / "121,400").
pub(crate) fn int(n: u32, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

pub(crate) fn rating(r: Rating, lang: Lang) -> &'static str {
    match (r, lang) {
        (Rating::Low, Lang::Fr) => "faible",
        (Rating::Medium, Lang::Fr) => "moyen",
        (Rating::High, Lang::Fr) => "fort",
        (Rating::Low, Lang::En) => "low",
        (Rating::Medium, Lang::En) => "medium",
        (Rating::High, Lang::En) => "high",
    }
}

pub(crate) fn cost(c: Option<CostBand>, lang: Lang) -> &'static str {
    match (c, lang) {
        (None, _) => "–",
        (Some(CostBand::None), Lang::Fr) => "aucun",
        (Some(CostBand::Low), Lang::Fr) => "< 5 k€",
        (Some(CostBand::Medium), Lang::Fr) => "5–50 k€",
        (Some(CostBand::High), Lang::Fr) => "> 50 k€",
        (Some(CostBand::None), Lang::En) => "none",
        (Some(CostBand::Low), Lang::En) => "< €5k",
        (Some(CostBand::Medium), Lang::En) => "€5k–50k",
        (Some(CostBand::High), Lang::En) => "> €50k",
    }
}

pub(crate) struct Labels {
    pub(crate) title: &'static str,
    pub(crate) level: &'static str,
    pub(crate) referential: &'static str,
    pub(crate) index: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) none: &'static str,
    pub(crate) completeness: &'static str,
    pub(crate) dont_know: &'static str,
    pub(crate) incomplete: &'static str,
    pub(crate) eco_clic: &'static str,
    pub(crate) eco_clic_incomplete: &'static str,
    pub(crate) conformity: &'static str,
    pub(crate) themes: &'static str,
    pub(crate) actions: &'static str,
    pub(crate) gain: &'static str,
    pub(crate) effort: &'static str,
    pub(crate) impact: &'static str,
    pub(crate) cost: &'static str,
    pub(crate) gaps: &'static str,
    pub(crate) why: &'static str,
    pub(crate) missed: &'static str,
    pub(crate) inhabitants: &'static str,
    pub(crate) theme: &'static str,
    pub(crate) score: &'static str,
    pub(crate) warnings: &'static str,
}

pub(crate) fn labels(lang: Lang) -> &'static Labels {
    const FR: Labels = Labels {
        title: "Sobriété numérique — rapport de maturité",
        level: "niveau",
        referential: "Référentiel",
        index: "Indice de maturité",
        grade: "Note",
        none: "non calculable",
        completeness: "Complétude",
        dont_know: "Réponses « je ne sais pas »",
        incomplete: "questionnaire incomplet : les questions sans réponse comptent pour 0",
        eco_clic: "Indice compatible Éco-clic",
        eco_clic_incomplete: "calculé une fois le questionnaire complet",
        conformity: "Pratiques pleinement en place (taux de conformité)",
        themes: "Scores par thème",
        actions: "Actions recommandées",
        gain: "gain",
        effort: "effort",
        impact: "impact",
        cost: "coût",
        gaps: "Pratiques non encore en place",
        why: "Pourquoi",
        missed: "points d’indice à gagner",
        inhabitants: "hab.",
        theme: "Thème",
        score: "Score",
        warnings: "Avertissements",
    };
    const EN: Labels = Labels {
        title: "Digital sobriety — maturity report",
        level: "level",
        referential: "Referential",
        index: "Maturity index",
        grade: "Grade",
        none: "not computable",
        completeness: "Completeness",
        dont_know: "\"Don't know\" answers",
        incomplete: "incomplete questionnaire: unanswered questions count as 0",
        eco_clic: "Éco-clic-compatible index",
        eco_clic_incomplete: "computed once the questionnaire is complete",
        conformity: "Practices fully in place (conformity rate)",
        themes: "Scores by theme",
        actions: "Recommended actions",
        gain: "gain",
        effort: "effort",
        impact: "impact",
        cost: "cost",
        gaps: "Practices not yet in place",
        why: "Why",
        missed: "index points to gain",
        inhabitants: "inhabitants",
        theme: "Theme",
        score: "Score",
        warnings: "Warnings",
    };
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// How far a practice is from being in place, in words.
pub(crate) fn gap_state(s: GapState, lang: Lang) -> &'static str {
    match (s, lang) {
        (GapState::Partial, Lang::Fr) => "partiellement en place",
        (GapState::Absent, Lang::Fr) => "absente",
        (GapState::DontKnow, Lang::Fr) => "je ne sais pas",
        (GapState::Unanswered, Lang::Fr) => "sans réponse",
        (GapState::Partial, Lang::En) => "partly in place",
        (GapState::Absent, Lang::En) => "absent",
        (GapState::DontKnow, Lang::En) => "don't know",
        (GapState::Unanswered, Lang::En) => "unanswered",
    }
}

pub(crate) fn opt_num(x: Option<f64>, lang: Lang) -> String {
    x.map_or("–".to_owned(), |v| num(v, lang))
}

pub(crate) fn status_label(s: ActionStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (ActionStatus::ToDefine, Lang::Fr) => "à définir",
        (ActionStatus::ToPlan, Lang::Fr) => "à planifier",
        (ActionStatus::Planned, Lang::Fr) => "planifiée",
        (ActionStatus::InProgress, Lang::Fr) => "en cours",
        (ActionStatus::Done, Lang::Fr) => "réalisée",
        (ActionStatus::Abandoned, Lang::Fr) => "abandonnée",
        (ActionStatus::ToDefine, Lang::En) => "to define",
        (ActionStatus::ToPlan, Lang::En) => "to plan",
        (ActionStatus::Planned, Lang::En) => "planned",
        (ActionStatus::InProgress, Lang::En) => "in progress",
        (ActionStatus::Done, Lang::En) => "done",
        (ActionStatus::Abandoned, Lang::En) => "abandoned",
    }
}

/// A figure in running text: the same rounding as [`num`], trailing zeros
/// dropped (`40`, `40,5`), French decimal comma; "–" when not finite.
pub(crate) fn short_num(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let r = round2(x);
    let s = if r == 0.0 {
        "0".to_owned()
    } else {
        r.to_string()
    };
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// How far a practice is from being in place, as the annual review states
/// it to the deliberating assembly (the questionnaire's words are in
/// [`gap_state`]).
pub(crate) fn gap_statement(s: GapState, lang: Lang) -> &'static str {
    match s {
        GapState::Partial => tr(lang, "en partie en place", "partly in place"),
        GapState::Absent => tr(lang, "absente", "absent"),
        GapState::DontKnow => tr(lang, "situation inconnue", "unknown"),
        GapState::Unanswered => tr(lang, "non renseignée", "not answered"),
    }
}

/// The language's code, for `<html lang>`.
pub(crate) fn lang_code(lang: Lang) -> &'static str {
    tr(lang, "fr", "en")
}

/// "oui" / "yes", "non" / "no".
pub(crate) fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        tr(lang, "oui", "yes")
    } else {
        tr(lang, "non", "no")
    }
}

/// A phrase as a sentence: first letter capitalised, a full stop at the
/// end, so that a phrase and its sentence form are worded once.
pub(crate) fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// An amount to the cent, as budgets are recorded: `1234,50 €` /
/// `1234.50 €`, rounded by [`num`] (`round2`).
pub(crate) fn euros(x: f64, lang: Lang) -> String {
    format!("{} €", num(x, lang))
}

/// A whole-euro estimate (cost bands give no cents): `12 000 €` /
/// `12,000 €`.
pub(crate) fn whole_euros(n: u32, lang: Lang) -> String {
    format!("{} €", int(n, lang))
}

/// A date as shown in every report: as recorded (ISO 8601, `2026-03-31`)
/// in both languages, so that it reads the same everywhere and sorts as
/// text. Callers escape the result for their format.
pub(crate) fn date(d: &str) -> &str {
    d
}

/// Titles and words of the documents that follow the score report (plan
/// proposal and follow-up, history, peer comparison, migration, the
/// referential in Markdown), shared by their text, Markdown and HTML
/// renderings (`…_heading`: the capitalised form, for headings and table
/// columns).
pub(crate) struct DocLabels {
    pub(crate) proposal: &'static str,
    pub(crate) follow_up_as_of: &'static str,
    pub(crate) history: &'static str,
    pub(crate) peers: &'static str,
    pub(crate) peers_compared: &'static str,
    pub(crate) percentile_rank: &'static str,
    pub(crate) median: &'static str,
    /// Number of peers in a stratum.
    pub(crate) size: &'static str,
    pub(crate) no_statistics: &'static str,
    pub(crate) migration_simulation: &'static str,
    pub(crate) answers: &'static str,
    pub(crate) questions: &'static str,
    pub(crate) legal_texts: &'static str,
    pub(crate) further_reading: &'static str,
    pub(crate) index: &'static str,
    pub(crate) target: &'static str,
    pub(crate) target_heading: &'static str,
    pub(crate) steps: &'static str,
    pub(crate) step: &'static str,
    pub(crate) themes: &'static str,
    pub(crate) change: &'static str,
    pub(crate) index_change: &'static str,
    pub(crate) before: &'static str,
    pub(crate) after: &'static str,
    /// Column of a change between two assessments.
    pub(crate) difference: &'static str,
    pub(crate) due: &'static str,
    pub(crate) due_heading: &'static str,
    /// Appended to a late action.
    pub(crate) late: &'static str,
    /// Appended to an indicator off its trajectory.
    pub(crate) off_track: &'static str,
    pub(crate) late_actions: &'static str,
    pub(crate) late_heading: &'static str,
    pub(crate) status: &'static str,
    pub(crate) progress: &'static str,
    pub(crate) owner: &'static str,
    pub(crate) baseline_index: &'static str,
    pub(crate) achieved_index: &'static str,
    pub(crate) projected_index: &'static str,
    pub(crate) at_target_date: &'static str,
    pub(crate) effort_spent: &'static str,
    pub(crate) budget_spent: &'static str,
    pub(crate) indicators: &'static str,
    pub(crate) indicator: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) baseline: &'static str,
    pub(crate) current: &'static str,
    pub(crate) expected: &'static str,
    pub(crate) expected_heading: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) assessment_date: &'static str,
    pub(crate) produced_by: &'static str,
    pub(crate) practice: &'static str,
    pub(crate) state: &'static str,
    pub(crate) complete: &'static str,
    pub(crate) incomplete: &'static str,
    pub(crate) action: &'static str,
    pub(crate) actions_heading: &'static str,
    pub(crate) quartiles: &'static str,
    pub(crate) date_heading: &'static str,
    pub(crate) migration: &'static str,
}

const DOC_FR: DocLabels = DocLabels {
    proposal: "Plan d’action proposé",
    follow_up_as_of: "Suivi du plan au",
    history: "Historique des évaluations",
    peers: "Comparaison avec des collectivités comparables",
    peers_compared: "collectivités comparées",
    percentile_rank: "rang centile",
    median: "médiane",
    size: "effectif",
    no_statistics: "pas de statistique",
    migration_simulation: "Simulation de migration",
    answers: "Réponses",
    questions: "questions",
    legal_texts: "Textes",
    further_reading: "Pour aller plus loin",
    index: "Indice",
    target: "cible",
    target_heading: "Cible",
    steps: "Étapes",
    step: "Étape",
    themes: "Thèmes",
    change: "Évolution",
    index_change: "Évolution de l’indice",
    before: "Avant",
    after: "Après",
    difference: "Écart",
    due: "échéance",
    due_heading: "Échéance",
    late: " — EN RETARD",
    off_track: " — en retard",
    late_actions: "Actions en retard",
    late_heading: "Retard",
    status: "Statut",
    progress: "Avancement",
    owner: "Responsable",
    baseline_index: "Indice de départ",
    achieved_index: "Indice atteint",
    projected_index: "Indice projeté",
    at_target_date: "À la date cible",
    effort_spent: "Effort consommé",
    budget_spent: "Budget dépensé",
    indicators: "Indicateurs",
    indicator: "Indicateur",
    unit: "Unité",
    baseline: "Départ",
    current: "Actuel",
    expected: "attendu",
    expected_heading: "Attendu",
    summary: "Synthèse",
    assessment_date: "Date de l’évaluation",
    produced_by: "Rapport produit par",
    practice: "Pratique",
    state: "État",
    complete: "complet",
    incomplete: "incomplet",
    action: "Action",
    actions_heading: "Actions",
    quartiles: "quartiles",
    date_heading: "Date",
    migration: "Migration",
};

const DOC_EN: DocLabels = DocLabels {
    proposal: "Proposed action plan",
    follow_up_as_of: "Plan follow-up as of",
    history: "Assessment history",
    peers: "Comparison with peers",
    peers_compared: "peers compared",
    percentile_rank: "percentile rank",
    median: "median",
    size: "size",
    no_statistics: "no statistics",
    migration_simulation: "Migration simulation",
    answers: "Answers",
    questions: "questions",
    legal_texts: "Legal texts",
    further_reading: "Further reading",
    index: "Index",
    target: "target",
    target_heading: "Target",
    steps: "Steps",
    step: "Step",
    themes: "Themes",
    change: "Change",
    index_change: "Index change",
    before: "Before",
    after: "After",
    difference: "Change",
    due: "due",
    due_heading: "Due",
    late: " — LATE",
    off_track: " — off track",
    late_actions: "Late actions",
    late_heading: "Late",
    status: "Status",
    progress: "Progress",
    owner: "Owner",
    baseline_index: "Baseline index",
    achieved_index: "Achieved index",
    projected_index: "Projected index",
    at_target_date: "At the target date",
    effort_spent: "Effort spent",
    budget_spent: "Budget spent",
    indicators: "Indicators",
    indicator: "Indicator",
    unit: "Unit",
    baseline: "Baseline",
    current: "Current",
    expected: "expected",
    expected_heading: "Expected",
    summary: "Summary",
    assessment_date: "Assessment date",
    produced_by: "Report produced by",
    practice: "Practice",
    state: "State",
    complete: "complete",
    incomplete: "incomplete",
    action: "Action",
    actions_heading: "Actions",
    quartiles: "quartiles",
    date_heading: "Date",
    migration: "Migration",
};

pub(crate) fn doc_labels(lang: Lang) -> &'static DocLabels {
    match lang {
        Lang::Fr => &DOC_FR,
        Lang::En => &DOC_EN,
    }
}

/// Whether a proposed plan reaches its target, as a phrase (the HTML
/// report makes it a [`sentence`]).
pub(crate) fn reach(reachable: bool, lang: Lang) -> &'static str {
    if reachable {
        tr(lang, "cible atteinte", "target reached")
    } else {
        tr(
            lang,
            "cible hors d’atteinte dans ces limites : plan du meilleur indice atteignable",
            "target out of reach within these limits: plan of the best reachable index",
        )
    }
}

/// "Effort total : 4 · budget estimé : 12 000 €", and a warning when the
/// optimiser could not prove the plan optimal.
pub(crate) fn proposal_totals(effort: u32, budget: u32, exact: bool, lang: Lang) -> String {
    format!(
        "{} : {effort} · {} : {}{}",
        tr(lang, "Effort total", "Total effort"),
        tr(lang, "budget estimé", "estimated budget"),
        whole_euros(budget, lang),
        if exact {
            ""
        } else {
            tr(
                lang,
                " · optimalité non prouvée",
                " · optimality not proven",
            )
        }
    )
}

/// Whether a plan is on track to reach its target index.
pub(crate) fn on_track(on: Option<bool>, lang: Lang) -> &'static str {
    match on {
        Some(true) => tr(lang, "en bonne voie", "on track"),
        _ => tr(lang, "en retard sur la cible", "off track"),
    }
}

/// The index line of a plan follow-up: baseline, achieved (gain),
/// projected, projected at the target date.
pub(crate) fn follow_up_index(i: &IndexFigures, lang: Lang) -> String {
    format!(
        "{} : {} ; {} : {} (+{}) ; {} : {} ; {} : {}",
        doc_labels(lang).baseline_index,
        opt_num(i.baseline, lang),
        tr(lang, "atteint", "achieved"),
        opt_num(i.achieved, lang),
        opt_num(i.gained, lang),
        tr(lang, "projeté", "projected"),
        opt_num(i.projected, lang),
        tr(lang, "à la date cible", "at the target date"),
        opt_num(i.projected_at_target_date, lang),
    )
}

/// The effort and budget line of a plan follow-up: spent out of planned.
pub(crate) fn follow_up_spending(s: &PlanStatus, lang: Lang) -> String {
    format!(
        "{} : {} / {} ; {} : {} / {}",
        doc_labels(lang).effort_spent,
        num(s.effort.spent, lang),
        num(s.effort.total, lang),
        tr(lang, "budget dépensé", "budget spent"),
        euros(s.budget.spent, lang),
        euros(s.budget.planned, lang),
    )
}

/// What a migration did, counted: "3 reprises, 1 transformées, …".
pub(crate) fn migration_counts(c: &MigrationCounts, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "{} reprises, {} transformées, {} restaurées, {} non reprises (conservées dans l’historique), {} nouvelles questions",
            c.carried, c.transformed, c.restored, c.not_carried, c.added
        ),
        Lang::En => format!(
            "{} carried, {} transformed, {} restored, {} not carried (kept in the history), {} new questions",
            c.carried, c.transformed, c.restored, c.not_carried, c.added
        ),
    }
}

/// What a migration did to one answer.
pub(crate) fn outcome(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Carried => tr(lang, "reprise", "carried"),
        Outcome::Transformed => tr(lang, "transformée", "transformed"),
        Outcome::Restored => tr(lang, "restaurée", "restored"),
        Outcome::NotCarried => tr(lang, "non reprise", "not carried"),
        Outcome::Added => tr(lang, "nouvelle question", "new question"),
    }
}

/// The words of the radar chart and of its place in the HTML report.
pub(crate) struct RadarLabels {
    pub(crate) title: &'static str,
    /// What a hollow circle means.
    pub(crate) none: &'static str,
    pub(crate) current: &'static str,
    pub(crate) target: &'static str,
    pub(crate) caption: &'static str,
}

pub(crate) fn radar_labels(lang: Lang) -> &'static RadarLabels {
    const FR: RadarLabels = RadarLabels {
        title: "Scores par thème (0 à 100)",
        none: "○ : pas de score (tracé à 0)",
        current: "Scores actuels",
        target: "Scores cibles",
        caption: "Scores par thème sur 100 ; les thèmes sans cible gardent leur score actuel.",
    };
    const EN: RadarLabels = RadarLabels {
        title: "Scores by theme (0 to 100)",
        none: "○: no score (drawn at 0)",
        current: "Current scores",
        target: "Target scores",
        caption: "Scores by theme out of 100; themes without a target keep their current score.",
    };
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The words of the evolution chart and of its place in the HTML report.
pub(crate) struct EvolutionLabels {
    pub(crate) title: &'static str,
    pub(crate) achieved: &'static str,
    pub(crate) planned: &'static str,
    pub(crate) caption: &'static str,
}

pub(crate) fn evolution_labels(lang: Lang) -> &'static EvolutionLabels {
    const FR: EvolutionLabels = EvolutionLabels {
        title: "Évolution de l’indice de maturité (réalisé et prévu)",
        achieved: "Indice réalisé",
        planned: "Indice prévu",
        caption: "Indice réalisé (trait plein) et prévu par le plan (tirets), sur 100.",
    };
    const EN: EvolutionLabels = EvolutionLabels {
        title: "Maturity index over time (achieved and planned)",
        achieved: "Achieved index",
        planned: "Planned index",
        caption: "Achieved index (solid) and planned by the plan (dashed), out of 100.",
    };
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The words of the annual review, which addresses the deliberating
/// assembly in its own register.
pub(crate) struct ReviewLabels {
    pub(crate) title: &'static str,
    pub(crate) assessment_of: &'static str,
    pub(crate) referential: &'static str,
    pub(crate) legal_frame: &'static str,
    /// The legal frame: the REEN law, its decree and where the review is presented.
    pub(crate) legal_text: &'static str,
    pub(crate) obliged: &'static str,
    /// A collectivité below the thresholds that follows the approach anyway.
    pub(crate) volunteer: &'static str,
    pub(crate) objectives: &'static str,
    pub(crate) target_index: &'static str,
    pub(crate) target_grade: &'static str,
    pub(crate) target_theme: &'static str,
    pub(crate) by: &'static str,
    pub(crate) no_objective: &'static str,
    pub(crate) indicators: &'static str,
    pub(crate) no_indicator: &'static str,
    pub(crate) indicators_table_head: &'static str,
    /// Before the date of a measurement.
    pub(crate) measured_on: &'static str,
    pub(crate) not_measured: &'static str,
    pub(crate) not_computed: &'static str,
    pub(crate) answered: &'static str,
    pub(crate) incomplete: &'static str,
    pub(crate) action_plan: &'static str,
    pub(crate) done: &'static str,
    pub(crate) in_progress: &'static str,
    pub(crate) late: &'static str,
    pub(crate) projected: &'static str,
    pub(crate) themes_table_head: &'static str,
    pub(crate) measures: &'static str,
    pub(crate) no_measure: &'static str,
    pub(crate) plan_actions: &'static str,
    pub(crate) gaps: &'static str,
    pub(crate) other_measures: &'static str,
    pub(crate) status: &'static str,
    /// Appended to a late action.
    pub(crate) late_flag: &'static str,
    pub(crate) owner: &'static str,
    pub(crate) no_owner: &'static str,
    /// Appended to a practice a plan action addresses.
    pub(crate) addressed: &'static str,
}

const REVIEW_FR: ReviewLabels = ReviewLabels {
    title: "Stratégie numérique responsable : bilan annuel",
    assessment_of: "Évaluation du",
    referential: "référentiel",
    legal_frame: "Cadre",
    legal_text: "La loi n° 2021-1485 du 15 novembre 2021 visant à réduire l'empreinte \
        environnementale du numérique (loi REEN), en son article 35, demande aux \
        communes et aux EPCI à fiscalité propre de plus de 50 000 habitants de se \
        doter d'une stratégie numérique responsable. Le décret n° 2022-1084 du \
        29 juillet 2022, codifié à l'article D. 2311-15-1 du code général des \
        collectivités territoriales (CGCT), en précise le contenu : des objectifs \
        de réduction de l'empreinte du numérique, des indicateurs pour en suivre \
        l'atteinte, et les mesures et moyens mis en œuvre, pouvant porter sur six \
        axes. Le bilan de cette stratégie est présenté chaque année dans le \
        rapport sur la situation en matière de développement durable, avant le \
        débat sur le budget.",
    obliged: "La collectivité est soumise à cette obligation.",
    volunteer: "La collectivité n'est pas soumise à cette obligation : elle s'inscrit \
        volontairement dans la démarche.",
    objectives: "Objectifs",
    target_index: "Indice de maturité visé",
    target_grade: "Note visée",
    target_theme: "Score visé pour le thème",
    by: "Échéance",
    no_objective: "Aucun objectif chiffré n'est fixé.",
    indicators: "Indicateurs de suivi",
    no_indicator: "Aucun indicateur de suivi n'est défini.\n\n",
    indicators_table_head:
        "| Indicateur | Unité | Valeur initiale | Cible | Valeur actuelle | En retard |\n",
    measured_on: "au",
    not_measured: "non mesurée",
    not_computed: "non calculé",
    answered: "Questions renseignées",
    incomplete: " (évaluation incomplète)",
    action_plan: "Plan d'actions",
    done: "réalisées",
    in_progress: "en cours",
    late: "en retard",
    projected: "Indice projeté à l'issue du plan",
    themes_table_head: "| Thème | Poids | Score |\n",
    measures: "Mesures par axe du décret",
    no_measure: "Aucune mesure recensée pour cet axe.\n\n",
    plan_actions: "Actions du plan",
    gaps: "Pratiques pas encore en place",
    other_measures: "Autres mesures (sans axe du décret)",
    status: "statut",
    late_flag: " (en retard)",
    owner: "pilote",
    no_owner: "non désigné",
    addressed: " ; traitée par le plan",
};

const REVIEW_EN: ReviewLabels = ReviewLabels {
    title: "Responsible-digital strategy: yearly review",
    assessment_of: "Assessment of",
    referential: "referential",
    legal_frame: "Legal frame",
    legal_text: "Law n° 2021-1485 of 15 November 2021 on reducing the environmental \
        footprint of digital technology (REEN law), article 35, requires communes \
        and EPCI à fiscalité propre of more than 50,000 inhabitants to adopt a \
        responsible-digital strategy. Decree n° 2022-1084 of 29 July 2022 \
        (article D. 2311-15-1 of the CGCT) sets its content: objectives for \
        reducing the digital footprint, indicators to follow them, and the \
        measures and means to reach them, which may cover six areas. The \
        strategy is reviewed every year in the report on the \
        sustainable-development situation, before the budget debate.",
    obliged: "The collectivité is subject to this obligation.",
    volunteer: "The collectivité is not subject to this obligation: it follows the \
        approach voluntarily.",
    objectives: "Objectives",
    target_index: "Target maturity index",
    target_grade: "Target grade",
    target_theme: "Target score for theme",
    by: "By",
    no_objective: "No quantified objective is set.",
    indicators: "Follow-up indicators",
    no_indicator: "No follow-up indicator is defined.\n\n",
    indicators_table_head: "| Indicator | Unit | Baseline | Target | Current value | Off track |\n",
    measured_on: "on",
    not_measured: "not measured",
    not_computed: "not computed",
    answered: "Questions answered",
    incomplete: " (assessment incomplete)",
    action_plan: "Action plan",
    done: "done",
    in_progress: "in progress",
    late: "late",
    projected: "Index projected once the plan is done",
    themes_table_head: "| Theme | Weight | Score |\n",
    measures: "Measures by area of the decree",
    no_measure: "No measure recorded for this area.\n\n",
    plan_actions: "Plan actions",
    gaps: "Practices not yet in place",
    other_measures: "Other measures (no area of the decree)",
    status: "status",
    late_flag: " (late)",
    owner: "owner",
    no_owner: "not named",
    addressed: "; addressed by the plan",
};

pub(crate) fn review_labels(lang: Lang) -> &'static ReviewLabels {
    match lang {
        Lang::Fr => &REVIEW_FR,
        Lang::En => &REVIEW_EN,
    }
}
