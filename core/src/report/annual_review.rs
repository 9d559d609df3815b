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
use crate::report::labels::{date, gap_statement, short_num, status_label, tr, yes_no};
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
    let m = |s: &str| escape_markdown(s);
    let mut o = String::new();

    // Title.
    o.push_str(&format!(
        "# {} — {} — {year}\n\n",
        tr(
            lang,
            "Stratégie numérique responsable : bilan annuel",
            "Responsible-digital strategy: yearly review"
        ),
        m(&report.profile.name)
    ));
    o.push_str(&format!(
        "{} {}, {} {} — {} « {} » ({} {}).\n\n",
        tr(lang, "Évaluation du", "Assessment of"),
        m(date(&report.date)),
        tr(lang, "niveau", "level"),
        report.level,
        tr(lang, "référentiel", "referential"),
        m(r.title.get(lang)),
        m(&report.referential.id),
        m(&report.referential.version)
    ));

    // Legal frame.
    o.push_str(&format!("## {}\n\n", tr(lang, "Cadre", "Legal frame")));
    o.push_str(tr(
        lang,
        "La loi n° 2021-1485 du 15 novembre 2021 visant à réduire l'empreinte \
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
        "Law n° 2021-1485 of 15 November 2021 on reducing the environmental \
         footprint of digital technology (REEN law), article 35, requires communes \
         and EPCI à fiscalité propre of more than 50,000 inhabitants to adopt a \
         responsible-digital strategy. Decree n° 2022-1084 of 29 July 2022 \
         (article D. 2311-15-1 of the CGCT) sets its content: objectives for \
         reducing the digital footprint, indicators to follow them, and the \
         measures and means to reach them, which may cover six areas. The \
         strategy is reviewed every year in the report on the \
         sustainable-development situation, before the budget debate.",
    ));
    o.push_str("\n\n");
    o.push_str(if obliged(report) {
        tr(
            lang,
            "La collectivité est soumise à cette obligation.",
            "The collectivité is subject to this obligation.",
        )
    } else {
        tr(
            lang,
            "La collectivité n'est pas soumise à cette obligation : elle s'inscrit \
             volontairement dans la démarche.",
            "The collectivité is not subject to this obligation: it follows the \
             approach voluntarily.",
        )
    });
    o.push_str("\n\n");

    objectives(&mut o, r, plan, lang);
    indicators(&mut o, plan, status, lang);
    maturity(&mut o, report, status, lang);
    measures(&mut o, r, report, plan, status, lang);
    o
}

fn objectives(o: &mut String, r: &Referential, plan: Option<&Plan>, lang: Lang) {
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!("## {}\n\n", tr(lang, "Objectifs", "Objectives")));
    let mut any = false;
    if let Some(t) = plan.and_then(|p| p.target.as_ref()) {
        if let Some(i) = t.index {
            any = true;
            o.push_str(&format!(
                "- {} : {} / 100\n",
                tr(lang, "Indice de maturité visé", "Target maturity index"),
                short_num(i, lang)
            ));
        }
        if let Some(g) = &t.grade {
            any = true;
            o.push_str(&format!(
                "- {} : {}\n",
                tr(lang, "Note visée", "Target grade"),
                m(g)
            ));
        }
        for (id, v) in &t.themes {
            any = true;
            let title = r.theme(id).map_or(id.as_str(), |th| th.title.get(lang));
            o.push_str(&format!(
                "- {} « {} » : {} / 100\n",
                tr(lang, "Score visé pour le thème", "Target score for theme"),
                m(title),
                short_num(*v, lang)
            ));
        }
        if let Some(d) = &t.date {
            o.push_str(&format!(
                "- {} : {}\n",
                tr(lang, "Échéance", "By"),
                m(date(d))
            ));
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
        o.push_str(tr(
            lang,
            "Aucun objectif chiffré n'est fixé.",
            "No quantified objective is set.",
        ));
        o.push('\n');
    }
    o.push('\n');
}

fn indicators(o: &mut String, plan: Option<&Plan>, status: Option<&PlanStatus>, lang: Lang) {
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!(
        "## {}\n\n",
        tr(lang, "Indicateurs de suivi", "Follow-up indicators")
    ));
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
        o.push_str(tr(
            lang,
            "Aucun indicateur de suivi n'est défini.\n\n",
            "No follow-up indicator is defined.\n\n",
        ));
        return;
    }
    o.push_str(tr(
        lang,
        "| Indicateur | Unité | Valeur initiale | Cible | Valeur actuelle | En retard |\n",
        "| Indicator | Unit | Baseline | Target | Current value | Off track |\n",
    ));
    o.push_str("|---|---|---:|---:|---|---|\n");
    for (name, unit, baseline, target, current, measured, off) in rows {
        let current = match (current, measured) {
            (Some(c), Some(d)) => format!(
                "{} ({} {})",
                short_num(c, lang),
                tr(lang, "au", "on"),
                m(date(&d))
            ),
            (Some(c), None) => short_num(c, lang),
            (None, _) => tr(lang, "non mesurée", "not measured").to_owned(),
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
    let m = |s: &str| escape_markdown(s);
    o.push_str(&format!(
        "## {}\n\n",
        tr(lang, "Indice de maturité", "Maturity index")
    ));
    let index = report.index.map_or_else(
        || tr(lang, "non calculé", "not computed").to_owned(),
        |i| format!("{} / 100", short_num(i, lang)),
    );
    o.push_str(&format!(
        "- {} : {index}\n",
        tr(lang, "Indice de maturité", "Maturity index")
    ));
    if let Some(g) = &report.grade {
        let label = g
            .label
            .as_ref()
            .map_or(String::new(), |l| format!(" ({})", m(l.get(lang))));
        o.push_str(&format!(
            "- {} : {}{label}\n",
            tr(lang, "Note", "Grade"),
            m(&g.grade)
        ));
    }
    o.push_str(&format!(
        "- {} : {} %{}\n",
        tr(lang, "Questions renseignées", "Questions answered"),
        short_num(report.completeness, lang),
        if report.complete {
            ""
        } else {
            tr(lang, " (évaluation incomplète)", " (assessment incomplete)")
        }
    ));
    if let Some(s) = status {
        let total = s.actions.len();
        o.push_str(&format!(
            "- {} : {} / {total} {}, {} {}, {} {}\n",
            tr(lang, "Plan d'actions", "Action plan"),
            s.counts.done,
            tr(lang, "réalisées", "done"),
            s.counts.in_progress,
            tr(lang, "en cours", "in progress"),
            s.late.len(),
            tr(lang, "en retard", "late"),
        ));
        if let Some(p) = s.index.projected {
            o.push_str(&format!(
                "- {} : {} / 100\n",
                tr(
                    lang,
                    "Indice projeté à l'issue du plan",
                    "Index projected once the plan is done"
                ),
                short_num(p, lang)
            ));
        }
    }
    o.push('\n');
    o.push_str(tr(
        lang,
        "| Thème | Poids | Score |\n",
        "| Theme | Weight | Score |\n",
    ));
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
    o.push_str(&format!(
        "## {}\n\n",
        tr(
            lang,
            "Mesures par axe du décret",
            "Measures by area of the decree"
        )
    ));
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
            o.push_str(tr(
                lang,
                "Aucune mesure recensée pour cet axe.\n\n",
                "No measure recorded for this area.\n\n",
            ));
            continue;
        }
        if !here.is_empty() {
            o.push_str(&format!(
                "**{}**\n\n",
                tr(lang, "Actions du plan", "Plan actions")
            ));
            o.extend(here);
            o.push('\n');
        }
        if !gaps.is_empty() {
            o.push_str(&format!(
                "**{}**\n\n",
                tr(
                    lang,
                    "Pratiques pas encore en place",
                    "Practices not yet in place"
                )
            ));
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
        o.push_str(&format!(
            "### {}\n\n",
            tr(
                lang,
                "Autres mesures (sans axe du décret)",
                "Other measures (no area of the decree)"
            )
        ));
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
    let m = |s: &str| escape_markdown(s);
    let late = status.is_some_and(|s| s.late.iter().any(|id| id == &a.id));
    let mut line = format!(
        "- {} — {} : {}",
        m(&a.title_in(r, lang)),
        tr(lang, "statut", "status"),
        status_label(a.status, lang)
    );
    if late {
        line.push_str(tr(lang, " (en retard)", " (late)"));
    }
    line.push_str(&format!(
        " — {} : {}",
        tr(lang, "pilote", "owner"),
        a.owner
            .as_deref()
            .map_or_else(|| tr(lang, "non désigné", "not named").to_owned(), m)
    ));
    if let Some(d) = &a.due {
        line.push_str(&format!(
            " — {} : {}",
            tr(lang, "échéance", "due"),
            m(date(d))
        ));
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
                    if planned {
                        tr(lang, " ; traitée par le plan", "; addressed by the plan")
                    } else {
                        ""
                    }
                )
            })
        })
        .collect()
}
