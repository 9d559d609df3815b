//! The yearly review of a responsible-digital strategy (REEN law), in
//! Markdown, ready to paste into the report on the sustainable-development
//! situation ("rapport sur la situation en matière de développement
//! durable") presented before the budget debate.
//!
//! The review gathers what the decree asks the strategy to follow up:
//! the objectives, the follow-up indicators tied to them, and the measures
//! taken, sorted by the six areas (1° to 6°) of decree n° 2022-1084. It
//! also gives the maturity index of the latest assessment.

use crate::planning::plan::PlanStatus;

use crate::engine::scoring::ScoreReport;
use crate::model::plan::{ActionStatus, Plan};
use crate::model::referential::Referential;
use crate::model::text::Lang;
use crate::report::labels::{
    date, doc_labels, gap_statement, labels, review_labels, short_num, status_label, tr, yes_no,
};
use crate::report::text::escape_markdown;

/// The six areas of the decree, numbered 1 to 6: (French, English) names.
pub const REEN_AREAS: [(u8, &str, &str); 6] = [
    (
        1,
        "Achats durables de matériel (réemploi, réparation, reconditionné, clauses contre l'obsolescence)",
        "Durable procurement of equipment (reuse, repair, refurbished, anti-obsolescence clauses)",
    ),
    (
        2,
        "Gestion durable du cycle de vie du matériel (inventaire, allongement de la durée d'usage, don, collecte des DEEE)",
        "Durable management of the equipment life cycle (inventory, longer use, donation, WEEE collection)",
    ),
    (
        3,
        "Écoconception des services numériques",
        "Eco-design of digital services",
    ),
    (
        4,
        "Sensibilisation des élus et des agents",
        "Awareness of elected officials and staff",
    ),
    (
        5,
        "Sensibilisation des citoyens et inclusion numérique",
        "Awareness of citizens and digital inclusion",
    ),
    (
        6,
        "Territoire connecté et durable",
        "Connected and sustainable territory",
    ),
];

/// Whether the REEN obligation applies: communes and EPCI à fiscalité
/// propre of more than 50,000 inhabitants.
fn obliged(report: &ScoreReport) -> bool {
    use crate::model::profile::ProfileKind as K;
    matches!(
        report.profile.kind,
        K::Commune
            | K::CommunauteDeCommunes
            | K::CommunauteDAgglomeration
            | K::CommunauteUrbaine
            | K::Metropole
    ) && report.profile.population > 50_000
}

/// The yearly review of the responsible-digital strategy, in Markdown
/// (French by default; `lang` selects English).
///
/// Sections, in this order:
///
/// 1. a title with the collectivité and `year`, and the assessment used;
/// 2. the legal frame (loi n° 2021-1485 art. 35, décret n° 2022-1084,
///    article D. 2311-15-1 du CGCT), and whether the collectivité is
///    obliged or volunteers;
/// 3. **Objectifs**: the plan's target (index, grade, theme scores, date)
///    and the targets of its indicators;
/// 4. **Indicateurs de suivi**: a table of every indicator of the plan's
///    actions (abandoned ones left out when `status` is given): unit,
///    baseline, target, current value with its measurement date, and
///    whether it is off track (from `status`; `–` when not known);
/// 5. **Indice de maturité**: index, grade, completeness, the plan's
///    progress when `status` is given, and a table of theme scores;
/// 6. **Mesures par axe du décret**: one subsection per area 1° to 6°
///    listing the plan's actions of that area (status, owner, due date)
///    and the practices not in place whose questions reference it (marked
///    when a plan action not abandoned addresses them), or
///    "Aucune mesure recensée pour cet axe."; actions without an area
///    come last in their own subsection.
///
/// Every text from a user or a referential is escaped for Markdown.
pub fn annual_review(
    r: &Referential,
    report: &ScoreReport,
    plan: Option<&Plan>,
    status: Option<&PlanStatus>,
    year: i32,
    lang: Lang,
) -> String {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    let mut o = String::new();

    // Title.
    o.push_str(&format!(
        "# {} — {} — {year}\n\n",
        words.title,
        m(&report.profile.name)
    ));
    o.push_str(&format!(
        "{} {}, {} {} — {} « {} » ({} {}).\n\n",
        words.assessment_of,
        m(date(&report.date)),
        labels(lang).level,
        report.level,
        words.referential,
        m(r.title.get(lang)),
        m(&report.referential.id),
        m(&report.referential.version)
    ));

    // Legal frame.
    o.push_str(&format!("## {}\n\n", words.legal_frame));
    o.push_str(words.legal_text);
    o.push_str("\n\n");
    o.push_str(if obliged(report) {
        words.obliged
    } else {
        words.volunteer
    });
    o.push_str("\n\n");

    objectives(&mut o, r, plan, lang);
    indicators(&mut o, plan, status, lang);
    maturity(&mut o, report, status, lang);
    measures(&mut o, r, report, plan, status, lang);
    o
}

fn objectives(o: &mut String, r: &Referential, plan: Option<&Plan>, lang: Lang) {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!("## {}\n\n", words.objectives));
    let mut any = false;
    if let Some(t) = plan.and_then(|p| p.target.as_ref()) {
        if let Some(i) = t.index {
            any = true;
            o.push_str(&format!(
                "- {} : {} / 100\n",
                words.target_index,
                short_num(i, lang)
            ));
        }
        if let Some(g) = &t.grade {
            any = true;
            o.push_str(&format!("- {} : {}\n", words.target_grade, m(g)));
        }
        for (id, v) in &t.themes {
            any = true;
            let title = r.theme(id).map_or(id.as_str(), |th| th.title.get(lang));
            o.push_str(&format!(
                "- {} « {} » : {} / 100\n",
                words.target_theme,
                m(title),
                short_num(*v, lang)
            ));
        }
        if let Some(d) = &t.date {
            o.push_str(&format!("- {} : {}\n", words.by, m(date(d))));
        }
    }
    for a in plan.map_or(&[][..], |p| p.actions.as_slice()) {
        for ind in &a.indicators {
            any = true;
            let unit = ind
                .unit
                .as_deref()
                .map_or(String::new(), |u| format!(" {}", m(u)));
            o.push_str(&format!(
                "- {} : {}{unit} → {}{unit}\n",
                m(&ind.name),
                short_num(ind.baseline, lang),
                short_num(ind.target, lang)
            ));
        }
    }
    if !any {
        o.push_str(words.no_objective);
        o.push('\n');
    }
    o.push('\n');
}

fn indicators(o: &mut String, plan: Option<&Plan>, status: Option<&PlanStatus>, lang: Lang) {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!("## {}\n\n", words.indicators));
    // (name, unit, baseline, target, current, measured, off track)
    type Row = (
        String,
        Option<String>,
        f64,
        f64,
        Option<f64>,
        Option<String>,
        Option<bool>,
    );
    let measured = |action: &str, name: &str| {
        plan.and_then(|p| p.actions.iter().find(|a| a.id == action))
            .and_then(|a| a.indicators.iter().find(|i| i.name == name))
            .and_then(|i| i.measured.clone())
    };
    let rows: Vec<Row> = match (status, plan) {
        (Some(s), _) => s
            .indicators
            .iter()
            .map(|i| {
                (
                    i.name.clone(),
                    i.unit.clone(),
                    i.baseline,
                    i.target,
                    i.current,
                    measured(&i.action, &i.name),
                    i.off_track,
                )
            })
            .collect(),
        (None, Some(p)) => p
            .actions
            .iter()
            .flat_map(|a| a.indicators.iter())
            .map(|i| {
                (
                    i.name.clone(),
                    i.unit.clone(),
                    i.baseline,
                    i.target,
                    i.current,
                    i.measured.clone(),
                    None,
                )
            })
            .collect(),
        (None, None) => Vec::new(),
    };
    if rows.is_empty() {
        o.push_str(words.no_indicator);
        return;
    }
    o.push_str(words.indicators_table_head);
    o.push_str("|---|---|---:|---:|---|---|\n");
    for (name, unit, baseline, target, current, measured, off) in rows {
        let current = match (current, measured) {
            (Some(c), Some(d)) => format!(
                "{} ({} {})",
                short_num(c, lang),
                words.measured_on,
                m(date(&d))
            ),
            (Some(c), None) => short_num(c, lang),
            (None, _) => words.not_measured.to_owned(),
        };
        let off = match off {
            Some(b) => yes_no(b, lang),
            None => "–",
        };
        o.push_str(&format!(
            "| {} | {} | {} | {} | {current} | {off} |\n",
            m(&name),
            unit.as_deref().map_or("–".to_owned(), m),
            short_num(baseline, lang),
            short_num(target, lang)
        ));
    }
    o.push('\n');
}

fn maturity(o: &mut String, report: &ScoreReport, status: Option<&PlanStatus>, lang: Lang) {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!("## {}\n\n", labels(lang).index));
    let index = report.index.map_or_else(
        || words.not_computed.to_owned(),
        |i| format!("{} / 100", short_num(i, lang)),
    );
    o.push_str(&format!("- {} : {index}\n", labels(lang).index));
    if let Some(g) = &report.grade {
        let label = g
            .label
            .as_ref()
            .map_or(String::new(), |l| format!(" ({})", m(l.get(lang))));
        o.push_str(&format!(
            "- {} : {}{label}\n",
            labels(lang).grade,
            m(&g.grade)
        ));
    }
    o.push_str(&format!(
        "- {} : {} %{}\n",
        words.answered,
        short_num(report.completeness, lang),
        if report.complete {
            ""
        } else {
            words.incomplete
        }
    ));
    if let Some(s) = status {
        let total = s.actions.len();
        o.push_str(&format!(
            "- {} : {} / {total} {}, {} {}, {} {}\n",
            words.action_plan,
            s.counts.done,
            words.done,
            s.counts.in_progress,
            words.in_progress,
            s.late.len(),
            words.late,
        ));
        if let Some(p) = s.index.projected {
            o.push_str(&format!(
                "- {} : {} / 100\n",
                words.projected,
                short_num(p, lang)
            ));
        }
    }
    o.push('\n');
    o.push_str(words.themes_table_head);
    o.push_str("|---|---:|---:|\n");
    for t in &report.themes {
        o.push_str(&format!(
            "| {} | {} | {} |\n",
            m(t.title.get(lang)),
            short_num(t.weight, lang),
            t.score.map_or("–".to_owned(), |x| short_num(x, lang))
        ));
    }
    o.push('\n');
}

fn measures(
    o: &mut String,
    r: &Referential,
    report: &ScoreReport,
    plan: Option<&Plan>,
    status: Option<&PlanStatus>,
    lang: Lang,
) {
    let words = review_labels(lang);
    o.push_str(&format!("## {}\n\n", words.measures));
    let actions = plan.map_or(&[][..], |p| p.actions.as_slice());
    let action_line = |a: &crate::model::plan::PlannedAction| measure_line(r, a, status, lang);
    for (area, fr, en) in REEN_AREAS {
        o.push_str(&format!("### {area}° {}\n\n", tr(lang, fr, en)));
        let here: Vec<String> = actions
            .iter()
            .filter(|a| a.effective_reen_area(r) == Some(area))
            .map(action_line)
            .collect();
        let gaps = area_gaps(r, report, actions, area, lang);
        if here.is_empty() && gaps.is_empty() {
            o.push_str(words.no_measure);
            continue;
        }
        if !here.is_empty() {
            o.push_str(&format!("**{}**\n\n", words.plan_actions));
            o.extend(here);
            o.push('\n');
        }
        if !gaps.is_empty() {
            o.push_str(&format!("**{}**\n\n", words.gaps));
            o.extend(gaps);
            o.push('\n');
        }
    }
    let other: Vec<String> = actions
        .iter()
        .filter(|a| !matches!(a.effective_reen_area(r), Some(1..=6)))
        .map(action_line)
        .collect();
    if !other.is_empty() {
        o.push_str(&format!("### {}\n\n", words.other_measures));
        o.extend(other);
        o.push('\n');
    }
}

/// One plan action under its area: status, late or not, owner, due date.
fn measure_line(
    r: &Referential,
    a: &crate::model::plan::PlannedAction,
    status: Option<&PlanStatus>,
    lang: Lang,
) -> String {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    let late = status.is_some_and(|s| s.late.iter().any(|id| id == &a.id));
    let mut line = format!(
        "- {} — {} : {}",
        m(&a.title_in(r, lang)),
        words.status,
        status_label(a.status, lang)
    );
    if late {
        line.push_str(words.late_flag);
    }
    line.push_str(&format!(
        " — {} : {}",
        words.owner,
        a.owner
            .as_deref()
            .map_or_else(|| words.no_owner.to_owned(), m)
    ));
    if let Some(d) = &a.due {
        line.push_str(&format!(" — {} : {}", doc_labels(lang).due, m(date(d))));
    }
    line.push('\n');
    line
}

/// The practices of an area not yet in place, each saying whether the plan
/// addresses it.
fn area_gaps(
    r: &Referential,
    report: &ScoreReport,
    actions: &[crate::model::plan::PlannedAction],
    area: u8,
    lang: Lang,
) -> Vec<String> {
    let words = review_labels(lang);
    let m = |s: &str| escape_markdown(s);
    report
        .gaps
        .iter()
        .filter_map(|g| {
            let q = r.question(&g.question)?;
            q.references.reen_areas.contains(&area).then(|| {
                let planned = actions.iter().any(|a| {
                    a.status != ActionStatus::Abandoned
                        && a.effective_addresses(r)
                            .iter()
                            .any(|ad| ad.question == g.question)
                });
                format!(
                    "- {} ({}{})\n",
                    m(g.prompt.get(lang)),
                    gap_statement(g.state, lang),
                    if planned { words.addressed } else { "" }
                )
            })
        })
        .collect()
}
