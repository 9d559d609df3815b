//! A self-contained HTML5 report: one page with its inline stylesheet (print
//! included) and inline SVG charts, no script and no external resource, to
//! open in a browser, print or attach to a council deliberation.
//!
//! Every text coming from a referential or a user is escaped with
//! [`escape_html`]; only [`HtmlOptions::extra_sections`] is inserted as is.

use std::fmt::Write as _;

use crate::engine::scoring::ScoreReport;
use crate::follow_up::history::{History, ProgressPoint};
use crate::model::text::{Lang, Text};
use crate::planning::optimize::Proposal;
use crate::planning::plan::PlanStatus;
use crate::planning::target::TargetGap;
use crate::report::labels::{
    cost, date, doc_labels, euros, evolution_labels, gap_state, int, labels, lang_code, num,
    on_track, opt_num, proposal_totals, radar_labels, rating, reach, sentence, status_label,
    yes_no,
};
use crate::report::svg::{self, RadarSeries};

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"`
/// and `'` become entities, tabs and line breaks become spaces and other
/// control characters are removed (same rules as [`svg::escape_xml`]).
pub fn escape_html(s: &str) -> String {
    svg::escape_xml(s)
}

/// What to render besides the score report.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions<'a> {
    /// Language of the page (French by default).
    pub lang: Lang,
    /// Distance to a target: its theme scores are drawn on the radar chart
    /// and shown in the theme table. When absent, the proposal's gap is used.
    pub target: Option<&'a TargetGap>,
    /// A proposed action plan: its schedule with the projected index.
    pub proposal: Option<&'a Proposal>,
    /// A plan follow-up: late actions, effort and budget, indicators.
    pub status: Option<&'a PlanStatus>,
    /// The history of assessments, with the evolution chart.
    pub history: Option<&'a History>,
    /// Achieved vs planned index over time: when given, the evolution chart
    /// draws it instead of the history's indices alone.
    pub progress: Option<&'a [ProgressPoint]>,
    /// Further sections as `(title, body)`: the title is escaped, the body
    /// must be HTML that is already safe (escaped by its producer) and is
    /// inserted as is.
    pub extra_sections: Vec<(String, String)>,
}

impl<'a> HtmlOptions<'a> {
    /// Options rendering the score report alone, in `lang`.
    pub fn new(lang: Lang) -> HtmlOptions<'a> {
        HtmlOptions {
            lang,
            ..HtmlOptions::default()
        }
    }
}

const STYLE: &str = "\
:root{--ink:#1a1a1a;--muted:#555;--line:#c8c8c8;--accent:#1f4e79;--warn:#8a1c1c;--bg-alt:#f3f5f8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;color:var(--ink);line-height:1.45;max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;color:var(--accent);margin:0 0 .5rem}
h2{font-size:1.25rem;color:var(--accent);border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin-top:1.2rem}
.profile{font-size:1.05rem;margin:.2rem 0}
.meta{color:var(--muted);margin:.2rem 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.6rem;margin:1rem 0;padding:0}
.figures div{border:1px solid var(--line);border-radius:4px;padding:.5rem .7rem}
.figures dt{font-size:.85rem;color:var(--muted)}
.figures dd{margin:0;font-size:1.3rem;font-weight:600}
.warning{border-left:4px solid var(--warn);padding:.4rem .8rem;background:#fbeeee;color:var(--warn)}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--bg-alt)}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.late td{color:var(--warn);font-weight:600}
figure{margin:1rem 0;text-align:center}
figure svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:var(--muted)}
.why{color:var(--muted);font-size:.9rem}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.5rem}
@media print{
@page{size:A4;margin:15mm}
body{max-width:none;padding:0;font-size:10pt;color:#000}
h1,h2{color:#000;border-color:#000}
h2{break-after:avoid-page;page-break-after:avoid}
table,figure,.figures div{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
thead th{background:none}
.warning{background:none;color:#000;border-color:#000}
tr.late td{color:#000}
}
";

fn esc(s: &str) -> String {
    escape_html(s)
}

fn et(t: &Text, lang: Lang) -> String {
    escape_html(t.get(lang))
}

/// A table: `head` cells are `(label, numeric)`; rows are already-escaped
/// cells, with an optional class for the row.
struct Table {
    out: String,
    numeric: Vec<bool>,
}

impl Table {
    fn new(caption: Option<&str>, head: &[(&str, bool)]) -> Table {
        let mut out = String::from("<table>");
        if let Some(c) = caption {
            let _ = write!(out, "<caption>{c}</caption>");
        }
        out.push_str("<thead><tr>");
        for (label, numeric) in head {
            let class = if *numeric { " class=\"num\"" } else { "" };
            let _ = write!(out, "<th scope=\"col\"{class}>{label}</th>");
        }
        out.push_str("</tr></thead><tbody>");
        Table {
            out,
            numeric: head.iter().map(|(_, n)| *n).collect(),
        }
    }

    fn row(&mut self, class: Option<&str>, cells: &[String]) {
        match class {
            Some(c) => {
                let _ = write!(self.out, "<tr class=\"{c}\">");
            }
            None => self.out.push_str("<tr>"),
        }
        for (i, cell) in cells.iter().enumerate() {
            let numeric = self.numeric.get(i).copied().unwrap_or(false);
            if numeric {
                let _ = write!(self.out, "<td class=\"num\">{cell}</td>");
            } else {
                let _ = write!(self.out, "<td>{cell}</td>");
            }
        }
        self.out.push_str("</tr>");
    }

    fn finish(mut self) -> String {
        self.out.push_str("</tbody></table>\n");
        self.out
    }
}

/// The whole report as one self-contained HTML5 page (see the module
/// documentation): profile, summary figures, theme scores with a radar
/// chart, practices not in place with their rationale, recommended actions,
/// and, when given in `options`, the proposed plan, the plan follow-up, the
/// history with its evolution chart and the extra sections.
pub fn html_report(report: &ScoreReport, options: &HtmlOptions) -> String {
    let lang = options.lang;
    let words = doc_labels(lang);
    let l = labels(lang);
    let mut o = String::new();
    let lang_attr = lang_code(lang);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang_attr}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"sobriete {}\">\n\
         <title>{} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        l.title,
        esc(&report.profile.name),
    );

    // Header: profile, date, level, referential.
    let _ = write!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"profile\"><strong>{}</strong> ({}, {} {})</p>\n\
         <p class=\"meta\">{} : {} — {} {} — {} {} {}</p>\n</header>\n<main>\n",
        l.title,
        esc(&report.profile.name),
        esc(report.profile.kind.label(lang)),
        int(report.profile.population, lang),
        l.inhabitants,
        words.assessment_date,
        esc(date(&report.date)),
        l.level,
        report.level,
        l.referential,
        esc(&report.referential.id),
        esc(&report.referential.version),
    );

    summary(&mut o, report, lang);
    themes(&mut o, report, options);
    gaps(&mut o, report, lang);
    actions(&mut o, report, lang);
    if let Some(p) = options.proposal {
        proposal(&mut o, report, p, lang);
    }
    if let Some(s) = options.status {
        follow_up(&mut o, s, lang);
    }
    if options.history.is_some() || options.progress.is_some() {
        history(&mut o, options.history, options.progress, lang);
    }
    for (title, body) in &options.extra_sections {
        let _ = write!(
            o,
            "<section>\n<h2>{}</h2>\n{body}\n</section>\n",
            esc(title)
        );
    }
    if !report.warnings.is_empty() {
        let _ = write!(
            o,
            "<section id=\"warnings\">\n<h2>{}</h2>\n<ul>\n",
            l.warnings
        );
        for w in &report.warnings {
            let _ = writeln!(o, "<li>{}</li>", esc(&w.to_string()));
        }
        o.push_str("</ul>\n</section>\n");
    }
    let _ = write!(
        o,
        "</main>\n<footer>{} sobriete {} — {} {} {}</footer>\n</body>\n</html>\n",
        words.produced_by,
        env!("CARGO_PKG_VERSION"),
        l.referential,
        esc(&report.referential.id),
        esc(&report.referential.version),
    );
    o
}

fn summary(o: &mut String, r: &ScoreReport, lang: Lang) {
    let words = doc_labels(lang);
    let l = labels(lang);
    let index = r
        .index
        .map_or(l.none.to_owned(), |i| format!("{} / 100", num(i, lang)));
    let grade = r.grade.as_ref().map_or("–".to_owned(), |g| match &g.label {
        Some(label) => format!("{} ({})", esc(&g.grade), et(label, lang)),
        None => esc(&g.grade),
    });
    let eco = match (&r.eco_clic.index, &r.eco_clic.grade) {
        (Some(i), Some(g)) => format!("{i} ({})", esc(g)),
        _ => l.eco_clic_incomplete.to_owned(),
    };
    let _ = write!(
        o,
        "<section id=\"summary\">\n<h2>{}</h2>\n<dl class=\"figures\">\n\
         <div><dt>{}</dt><dd class=\"index\">{index}</dd></div>\n\
         <div><dt>{}</dt><dd class=\"grade\">{grade}</dd></div>\n\
         <div><dt>{}</dt><dd>{} %</dd></div>\n\
         <div><dt>{}</dt><dd>{} %</dd></div>\n\
         <div><dt>{}</dt><dd class=\"eco-clic\">{eco}</dd></div>\n\
         <div><dt>{}</dt><dd class=\"conformity\">{}</dd></div>\n</dl>\n",
        words.summary,
        l.index,
        l.grade,
        l.completeness,
        num(r.completeness, lang),
        l.dont_know,
        num(r.dont_know_share, lang),
        l.eco_clic,
        l.conformity,
        crate::report::text::conformity_text(r, lang),
    );
    if !r.complete {
        let _ = writeln!(o, "<p class=\"warning\">⚠ {}</p>", l.incomplete);
    }
    o.push_str("</section>\n");
}

fn themes(o: &mut String, r: &ScoreReport, options: &HtmlOptions) {
    let lang = options.lang;
    let l = labels(lang);
    let words = doc_labels(lang);
    let target = options
        .target
        .or(options.proposal.map(|p| &p.gap))
        .filter(|t| !t.themes.is_empty());
    let target_of =
        |id: &str| target.and_then(|t| t.themes.iter().find(|g| g.theme == id).map(|g| g.target));
    let _ = write!(o, "<section id=\"themes\">\n<h2>{}</h2>\n", l.themes);
    let target_label = words.target_heading;
    let mut head = vec![(l.theme, false), (l.score, true)];
    if target.is_some() {
        head.push((target_label, true));
    }
    let mut t = Table::new(None, &head);
    for th in &r.themes {
        let mut cells = vec![et(&th.title, lang), opt_num(th.score, lang)];
        if target.is_some() {
            cells.push(opt_num(target_of(&th.id), lang));
        }
        t.row(None, &cells);
    }
    o.push_str(&t.finish());
    if !r.themes.is_empty() {
        let axes: Vec<String> = r
            .themes
            .iter()
            .map(|th| th.title.get(lang).to_owned())
            .collect();
        let chart = radar_labels(lang);
        let mut series = vec![RadarSeries {
            label: chart.current.to_owned(),
            values: r.themes.iter().map(|th| th.score).collect(),
        }];
        if target.is_some() {
            // A theme the target does not name keeps its current score.
            series.push(RadarSeries {
                label: chart.target.to_owned(),
                values: r
                    .themes
                    .iter()
                    .map(|th| target_of(&th.id).or(th.score))
                    .collect(),
            });
        }
        let _ = write!(
            o,
            "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            svg::radar_in(&axes, &series, lang),
            chart.caption
        );
    }
    o.push_str("</section>\n");
}

fn gaps(o: &mut String, r: &ScoreReport, lang: Lang) {
    let words = doc_labels(lang);
    if r.gaps.is_empty() {
        return;
    }
    let l = labels(lang);
    let _ = write!(
        o,
        "<section id=\"gaps\">\n<h2>{} ({})</h2>\n",
        l.gaps,
        r.gaps.len()
    );
    let mut t = Table::new(
        None,
        &[
            (words.practice, false),
            (words.state, false),
            (l.missed, true),
            (l.why, false),
        ],
    );
    for g in &r.gaps {
        let theme = r
            .themes
            .iter()
            .find(|th| th.id == g.theme)
            .map(|th| et(&th.title, lang))
            .unwrap_or_else(|| esc(&g.theme));
        t.row(
            None,
            &[
                format!(
                    "<strong>{}</strong><br><span class=\"why\">{} · {}</span>",
                    et(&g.prompt, lang),
                    esc(&g.question),
                    theme
                ),
                gap_state(g.state, lang).to_owned(),
                num(g.missed, lang),
                et(&g.rationale, lang),
            ],
        );
    }
    o.push_str(&t.finish());
    o.push_str("</section>\n");
}

fn actions(o: &mut String, r: &ScoreReport, lang: Lang) {
    if r.recommended_actions.is_empty() {
        return;
    }
    let l = labels(lang);
    let words = doc_labels(lang);
    let _ = write!(o, "<section id=\"actions\">\n<h2>{}</h2>\n", l.actions);
    let mut t = Table::new(
        None,
        &[
            ("#", true),
            (words.action, false),
            (l.gain, true),
            (l.effort, false),
            (l.impact, false),
            (l.cost, false),
        ],
    );
    for (i, a) in r.recommended_actions.iter().enumerate() {
        t.row(
            None,
            &[
                (i + 1).to_string(),
                et(&a.title, lang),
                format!("+{}", num(a.gain, lang)),
                rating(a.effort, lang).to_owned(),
                rating(a.impact, lang).to_owned(),
                esc(cost(a.cost, lang)),
            ],
        );
    }
    o.push_str(&t.finish());
    o.push_str("</section>\n");
}

fn proposal(o: &mut String, r: &ScoreReport, p: &Proposal, lang: Lang) {
    let words = doc_labels(lang);
    let l = labels(lang);
    let _ = write!(
        o,
        "<section id=\"proposal\">\n<h2>{}</h2>\n<p>{} : {} → <strong>{}</strong> ({} {})</p>\n",
        words.proposal,
        words.index,
        opt_num(p.baseline_index, lang),
        opt_num(p.index, lang),
        words.target,
        opt_num(p.target_index, lang),
    );
    let reach = sentence(reach(p.reachable, lang));
    let class = if p.reachable {
        ""
    } else {
        " class=\"warning\""
    };
    let _ = writeln!(o, "<p{class}>{reach}</p>");
    let _ = writeln!(
        o,
        "<p>{}</p>",
        proposal_totals(p.total_effort, p.total_budget, p.exact, lang)
    );
    if let Some(note) = &p.note {
        let _ = writeln!(o, "<p class=\"why\">{}</p>", esc(note));
    }
    let mut t = Table::new(
        Some(words.steps),
        &[
            (words.step, true),
            (words.action, false),
            (l.gain, true),
            (words.projected_index, true),
            (l.effort, false),
            (l.impact, false),
            (l.cost, false),
        ],
    );
    for s in &p.schedule {
        t.row(
            None,
            &[
                s.step.to_string(),
                et(&s.title, lang),
                format!("+{}", num(s.gain, lang)),
                opt_num(s.index_after, lang),
                rating(s.effort, lang).to_owned(),
                rating(s.impact, lang).to_owned(),
                esc(cost(s.cost, lang)),
            ],
        );
    }
    o.push_str(&t.finish());
    if !p.themes.is_empty() {
        let mut t = Table::new(
            Some(words.themes),
            &[
                (l.theme, false),
                (words.before, true),
                (words.after, true),
                (words.target_heading, true),
            ],
        );
        for th in &p.themes {
            let title = r
                .themes
                .iter()
                .find(|x| x.id == th.id)
                .map(|x| et(&x.title, lang))
                .unwrap_or_else(|| esc(&th.id));
            t.row(
                None,
                &[
                    title,
                    opt_num(th.before, lang),
                    opt_num(th.after, lang),
                    opt_num(th.target, lang),
                ],
            );
        }
        o.push_str(&t.finish());
    }
    o.push_str("</section>\n");
}

/// The plan follow-up section: figures, target, late actions, the
/// actions table and the indicators.
fn follow_up(o: &mut String, s: &PlanStatus, lang: Lang) {
    let words = doc_labels(lang);
    let i = &s.index;
    let _ = write!(
        o,
        "<section id=\"follow-up\">\n<h2>{} {}</h2>\n<dl class=\"figures\">\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n<div><dt>{}</dt><dd>{} (+{})</dd></div>\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n<div><dt>{}</dt><dd>{}</dd></div>\n\
         <div><dt>{}</dt><dd>{} / {}</dd></div>\n<div><dt>{}</dt><dd>{} / {}</dd></div>\n\
         </dl>\n",
        words.follow_up_as_of,
        esc(date(&s.as_of)),
        words.baseline_index,
        opt_num(i.baseline, lang),
        words.achieved_index,
        opt_num(i.achieved, lang),
        opt_num(i.gained, lang),
        words.projected_index,
        opt_num(i.projected, lang),
        words.at_target_date,
        opt_num(i.projected_at_target_date, lang),
        words.effort_spent,
        num(s.effort.spent, lang),
        num(s.effort.total, lang),
        words.budget_spent,
        euros(s.budget.spent, lang),
        euros(s.budget.planned, lang),
    );
    if let Some(t) = i.target {
        let class = match i.on_track {
            Some(true) => "",
            _ => " class=\"warning\"",
        };
        let on = on_track(i.on_track, lang);
        let _ = writeln!(
            o,
            "<p{class}>{} {} : {on}</p>",
            words.target_heading,
            num(t, lang)
        );
    }
    let late: Vec<_> = s.actions.iter().filter(|a| a.late).collect();
    if !late.is_empty() {
        let _ = write!(
            o,
            "<h3>{} ({})</h3>\n<ul class=\"late\">\n",
            words.late_actions,
            late.len()
        );
        for a in late {
            let due = a
                .due
                .as_deref()
                .map(|d| format!(" — {} {}", words.due, esc(date(d))))
                .unwrap_or_default();
            let _ = writeln!(o, "<li><strong>{}</strong>{due}</li>", esc(&a.title));
        }
        o.push_str("</ul>\n");
    }
    follow_up_actions(o, s, lang);
    follow_up_indicators(o, s, lang);
    o.push_str("</section>\n");
}

/// The table of the plan's actions, late ones marked.
fn follow_up_actions(o: &mut String, s: &PlanStatus, lang: Lang) {
    let words = doc_labels(lang);
    let mut t = Table::new(
        Some(words.actions_heading),
        &[
            (words.action, false),
            (words.status, false),
            (words.progress, true),
            (words.owner, false),
            (words.due_heading, false),
            (words.late_heading, false),
        ],
    );
    for a in &s.actions {
        t.row(
            if a.late { Some("late") } else { None },
            &[
                esc(&a.title),
                status_label(a.status, lang).to_owned(),
                format!("{} %", num(a.progress, lang)),
                a.owner
                    .as_deref()
                    .map(esc)
                    .unwrap_or_else(|| "–".to_owned()),
                a.due
                    .as_deref()
                    .map(|d| esc(date(d)))
                    .unwrap_or_else(|| "–".to_owned()),
                if a.late {
                    yes_no(true, lang).to_owned()
                } else {
                    String::new()
                },
            ],
        );
    }
    o.push_str(&t.finish());
}

/// The table of the plan's indicators against their trajectory.
fn follow_up_indicators(o: &mut String, s: &PlanStatus, lang: Lang) {
    let words = doc_labels(lang);
    if !s.indicators.is_empty() {
        let mut t = Table::new(
            Some(words.indicators),
            &[
                (words.indicator, false),
                (words.unit, false),
                (words.baseline, true),
                (words.current, true),
                (words.expected_heading, true),
                (words.target_heading, true),
            ],
        );
        for ind in &s.indicators {
            let mut name = esc(&ind.name);
            if ind.off_track == Some(true) {
                name.push_str(words.off_track);
            }
            t.row(
                if ind.off_track == Some(true) {
                    Some("late")
                } else {
                    None
                },
                &[
                    name,
                    ind.unit.as_deref().map(esc).unwrap_or_default(),
                    num(ind.baseline, lang),
                    opt_num(ind.current, lang),
                    opt_num(ind.expected, lang),
                    num(ind.target, lang),
                ],
            );
        }
        o.push_str(&t.finish());
    }
}

fn history(o: &mut String, h: Option<&History>, progress: Option<&[ProgressPoint]>, lang: Lang) {
    let words = doc_labels(lang);
    let l = labels(lang);
    let _ = write!(o, "<section id=\"history\">\n<h2>{}</h2>\n", words.history);
    let points: Vec<(String, Option<f64>, Option<f64>)> = match (progress, h) {
        (Some(p), _) => p
            .iter()
            .map(|x| (x.date.clone(), x.achieved, x.planned))
            .collect(),
        (None, Some(h)) => h
            .entries
            .iter()
            .map(|e| (e.date.clone(), e.index, None))
            .collect(),
        (None, None) => Vec::new(),
    };
    if !points.is_empty() {
        let _ = write!(
            o,
            "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            svg::evolution_in(&points, lang),
            evolution_labels(lang).caption
        );
    }
    if let Some(h) = h {
        let mut t = Table::new(
            None,
            &[
                (words.date_heading, false),
                (l.level, true),
                (l.index, true),
                (l.grade, false),
                (l.completeness, false),
            ],
        );
        for e in &h.entries {
            t.row(
                None,
                &[
                    esc(date(&e.date)),
                    e.level.to_string(),
                    opt_num(e.index, lang),
                    e.grade
                        .as_deref()
                        .map(esc)
                        .unwrap_or_else(|| "–".to_owned()),
                    if e.complete {
                        words.complete
                    } else {
                        words.incomplete
                    }
                    .to_owned(),
                ],
            );
        }
        o.push_str(&t.finish());
        if let Some(d) = &h.overall {
            let _ = writeln!(
                o,
                "<p>{} {} → {} : <strong>{}</strong></p>",
                words.index_change,
                esc(date(&d.from)),
                esc(date(&d.to)),
                opt_num(d.index_delta, lang)
            );
            let mut t = Table::new(
                None,
                &[
                    (l.theme, false),
                    (words.before, true),
                    (words.after, true),
                    (words.difference, true),
                ],
            );
            for th in &d.themes {
                let title = h
                    .themes
                    .iter()
                    .find(|s| s.id == th.id)
                    .map(|s| et(&s.title, lang))
                    .unwrap_or_else(|| esc(&th.id));
                t.row(
                    None,
                    &[
                        title,
                        opt_num(th.before, lang),
                        opt_num(th.after, lang),
                        opt_num(th.delta, lang),
                    ],
                );
            }
            o.push_str(&t.finish());
        }
    }
    o.push_str("</section>\n");
}
