//! Report wording in one place: the French and English labels, and how
//! figures, counts and cost bands are written. Every report (text,
//! Markdown, HTML, SVG captions, the annual review) takes its words and
//! number formats from here, so the languages and formats cannot drift
//! apart. CSV cells are machine-readable and keep their own number format
//! (a dot, no separators) in `csv.rs`.

use crate::engine::scoring::{round2, GapState};
use crate::model::plan::ActionStatus;
use crate::model::referential::{CostBand, Rating};
use crate::model::text::Lang;

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
