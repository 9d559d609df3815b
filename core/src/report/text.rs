//! Human-readable renderings: terminal text and Markdown. Every text from
//! a referential or a user is escaped for Markdown.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::scoring::ScoreReport;
use crate::model::referential::{References, Referential, Response};
use crate::model::text::{Lang, Text};
use crate::report::labels::{
    cost, date, doc_labels, follow_up_index, follow_up_spending, gap_state, int, labels,
    migration_counts, num, on_track, opt_num, outcome, proposal_totals, rating, reach,
    status_label, yes_no,
};

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// Readable terminal text.
    #[default]
    Text,
    /// The report document as JSON.
    Json,
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
}

impl ReportFormat {
    /// Parses `text`, `json` or `markdown`.
    pub fn parse(s: &str) -> Option<ReportFormat> {
        match s {
            "text" => Some(ReportFormat::Text),
            "json" => Some(ReportFormat::Json),
            "markdown" | "md" => Some(ReportFormat::Markdown),
            "html" => Some(ReportFormat::Html),
            _ => None,
        }
    }
}

/// Escapes text for Markdown (inline, table-safe): characters that open
/// inline markup are backslash-escaped, HTML-significant characters become
/// entities and line breaks become spaces, so no user text can open markup.
/// List and heading markers only count at the start of a line, so `-`, `+`
/// and `1.` are escaped only there.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in s.chars().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Removes control characters (terminal escape sequences) from text shown
/// in a terminal.
pub fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// "12 / 30 (40,00 %)": practices in place among the applicable ones.
pub(crate) fn conformity_text(r: &ScoreReport, lang: Lang) -> String {
    let c = &r.conformity;
    match c.rate {
        Some(rate) => format!("{} / {} ({} %)", c.in_place, c.applicable, num(rate, lang)),
        None => "–".to_owned(),
    }
}

fn bar(score: Option<f64>, width: usize) -> String {
    let Some(s) = score else {
        return "·".repeat(width);
    };
    let filled = ((s.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width.saturating_sub(filled))
    )
}

fn t(text: &Text, lang: Lang) -> String {
    plain(text.get(lang))
}

/// "effort low, impact high, cost none" in the report's language.
fn traits(a: &crate::engine::scoring::RecommendedAction, lang: Lang) -> String {
    let l = labels(lang);
    format!(
        "{} {}, {} {}, {} {}",
        l.effort,
        rating(a.effort, lang),
        l.impact,
        rating(a.impact, lang),
        l.cost,
        cost(a.cost, lang)
    )
}

/// How many actions and gaps the short renderings list.
const TOP: usize = 5;

/// A readable terminal report: index, grade, per-theme bars, top actions.
pub fn text_report(r: &ScoreReport, lang: Lang) -> String {
    let mut o = String::new();
    text_summary(&mut o, r, lang);
    text_details(&mut o, r, lang);
    o
}

/// One line of a terminal report.
fn line(o: &mut String, s: String) {
    o.push_str(&s);
    o.push('\n');
}

/// The head of the terminal report: who, which referential, the figures.
fn text_summary(o: &mut String, r: &ScoreReport, lang: Lang) {
    let l = labels(lang);
    line(o, l.title.to_owned());
    line(o, "=".repeat(l.title.chars().count()));
    line(
        o,
        format!(
            "{} ({}, {} {}) — {} — {} {}",
            plain(&r.profile.name),
            r.profile.kind.label(lang),
            int(r.profile.population, lang),
            l.inhabitants,
            plain(date(&r.date)),
            l.level,
            r.level
        ),
    );
    line(
        o,
        format!(
            "{} {} {}",
            l.referential,
            plain(&r.referential.id),
            plain(&r.referential.version)
        ),
    );
    line(o, String::new());
    let index = r
        .index
        .map_or(l.none.to_owned(), |i| format!("{} / 100", num(i, lang)));
    let grade = r.grade.as_ref().map_or("–".to_owned(), |g| match &g.label {
        Some(label) => format!("{} ({})", plain(&g.grade), t(label, lang)),
        None => plain(&g.grade),
    });
    line(o, format!("{} : {index}    {} : {grade}", l.index, l.grade));
    line(
        o,
        format!(
            "{} : {} %    {} : {} %",
            l.completeness,
            num(r.completeness, lang),
            l.dont_know,
            num(r.dont_know_share, lang)
        ),
    );
    if !r.complete {
        line(o, format!("⚠ {}", l.incomplete));
    }
    let eco = match (&r.eco_clic.index, &r.eco_clic.grade) {
        (Some(i), Some(g)) => format!("{i} ({g})"),
        _ => l.eco_clic_incomplete.to_owned(),
    };
    line(o, format!("{} : {eco}", l.eco_clic));
    line(
        o,
        format!("{} : {}", l.conformity, conformity_text(r, lang)),
    );
}

/// The body of the terminal report: theme bars, the first actions and
/// gaps, the warnings.
fn text_details(o: &mut String, r: &ScoreReport, lang: Lang) {
    let l = labels(lang);
    line(o, String::new());
    line(o, l.themes.to_owned());
    let width = r
        .themes
        .iter()
        .map(|th| th.title.get(lang).chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for th in &r.themes {
        let title: String = t(&th.title, lang).chars().take(40).collect();
        let pad = width.saturating_sub(title.chars().count());
        let score = th.score.map_or("–".to_owned(), |s| num(s, lang));
        line(
            o,
            format!(
                "  {title}{}  {}  {score:>6}",
                " ".repeat(pad),
                bar(th.score, 20)
            ),
        );
    }
    if !r.recommended_actions.is_empty() {
        line(o, String::new());
        line(o, l.actions.to_owned());
        for (i, a) in r.recommended_actions.iter().take(TOP).enumerate() {
            line(
                o,
                format!(
                    "  {}. {} (+{} ; {})",
                    i + 1,
                    t(&a.title, lang),
                    num(a.gain, lang),
                    traits(a, lang)
                ),
            );
        }
    }
    if !r.gaps.is_empty() {
        line(o, String::new());
        line(o, format!("{} ({})", l.gaps, r.gaps.len()));
        for g in r.gaps.iter().take(TOP) {
            line(
                o,
                format!(
                    "  - [{}] {} (−{})",
                    plain(&g.question),
                    t(&g.prompt, lang),
                    num(g.missed, lang)
                ),
            );
            line(o, format!("    {} : {}", l.why, t(&g.rationale, lang)));
        }
    }
    if !r.warnings.is_empty() {
        line(o, String::new());
        line(o, l.warnings.to_owned());
        for w in &r.warnings {
            line(o, format!("  - {}", plain(&w.to_string())));
        }
    }
}

/// The report in Markdown: summary, theme table, every action and gap.
pub fn markdown_report(r: &ScoreReport, lang: Lang) -> String {
    let l = labels(lang);
    let m = |s: &str| escape_markdown(s);
    let mt = |text: &Text| escape_markdown(text.get(lang));
    let mut o = String::new();
    o.push_str(&format!("# {}\n\n", l.title));
    o.push_str(&format!(
        "**{}** ({}, {} {}) — {} — {} {}  \n{} {} {}\n\n",
        m(&r.profile.name),
        r.profile.kind.label(lang),
        int(r.profile.population, lang),
        l.inhabitants,
        m(date(&r.date)),
        l.level,
        r.level,
        l.referential,
        m(&r.referential.id),
        m(&r.referential.version)
    ));
    let index = r
        .index
        .map_or(l.none.to_owned(), |i| format!("{} / 100", num(i, lang)));
    let grade = r.grade.as_ref().map_or("–".to_owned(), |g| match &g.label {
        Some(label) => format!("{} ({})", m(&g.grade), mt(label)),
        None => m(&g.grade),
    });
    o.push_str(&format!(
        "- **{}** : {index}\n- **{}** : {grade}\n",
        l.index, l.grade
    ));
    o.push_str(&format!(
        "- **{}** : {} %\n- **{}** : {} %\n",
        l.completeness,
        num(r.completeness, lang),
        l.dont_know,
        num(r.dont_know_share, lang)
    ));
    let eco = match (&r.eco_clic.index, &r.eco_clic.grade) {
        (Some(i), Some(g)) => format!("{i} ({g})"),
        _ => l.eco_clic_incomplete.to_owned(),
    };
    o.push_str(&format!("- **{}** : {eco}\n", l.eco_clic));
    o.push_str(&format!(
        "- **{}** : {}\n",
        l.conformity,
        conformity_text(r, lang)
    ));
    if !r.complete {
        o.push_str(&format!("\n> ⚠ {}\n", l.incomplete));
    }
    o.push_str(&format!(
        "\n## {}\n\n| {} | {} |\n|---|---:|\n",
        l.themes, l.theme, l.score
    ));
    for th in &r.themes {
        let score = th.score.map_or("–".to_owned(), |s| num(s, lang));
        o.push_str(&format!("| {} | {score} |\n", mt(&th.title)));
    }
    if !r.recommended_actions.is_empty() {
        o.push_str(&format!("\n## {}\n\n", l.actions));
        for (i, a) in r.recommended_actions.iter().enumerate() {
            o.push_str(&format!(
                "{}. **{}** — {} +{} ; {}\n",
                i + 1,
                mt(&a.title),
                l.gain,
                num(a.gain, lang),
                traits(a, lang)
            ));
        }
    }
    if !r.gaps.is_empty() {
        o.push_str(&format!("\n## {}\n\n", l.gaps));
        for g in &r.gaps {
            let state = gap_state(g.state, lang);
            o.push_str(&format!(
                "- **{}** ({}, {} {})  \n  {} : {}\n",
                mt(&g.prompt),
                state,
                num(g.missed, lang),
                l.missed,
                l.why,
                mt(&g.rationale)
            ));
        }
    }
    if !r.warnings.is_empty() {
        o.push_str(&format!("\n## {}\n\n", l.warnings));
        for w in &r.warnings {
            o.push_str(&format!("- {}\n", m(&w.to_string())));
        }
    }
    o
}

/// The referential as a Markdown document: themes, questions with their
/// answers and points, actions.
pub fn referential_markdown(r: &Referential, lang: Lang) -> String {
    let words = doc_labels(lang);
    let mt = |text: &Text| escape_markdown(text.get(lang));
    let m = |s: &str| escape_markdown(s);
    let mut o = String::new();
    o.push_str(&format!(
        "# {} ({} {})\n\n",
        mt(&r.title),
        m(&r.id),
        m(&r.version)
    ));
    if let Some(d) = &r.description {
        o.push_str(&format!("{}\n\n", mt(d)));
    }
    let (qs, level) = (words.questions, labels(lang).level);
    for th in &r.themes {
        let n = r.questions.iter().filter(|q| q.theme == th.id).count();
        o.push_str(&format!("## {} ({n} {qs})\n\n", mt(&th.title)));
        for q in r.questions.iter().filter(|q| q.theme == th.id) {
            o.push_str(&format!("### {} — {}\n\n", m(&q.id), mt(&q.prompt)));
            o.push_str(&format!("*{level} {}*", q.level));
            if (q.weight - 1.0).abs() > f64::EPSILON {
                o.push_str(&format!(" · ×{}", q.weight));
            }
            o.push_str("\n\n");
            match &q.response {
                Response::YesNo {
                    yes_points,
                    no_points,
                } => {
                    let (y, n) = (yes_no(true, lang), yes_no(false, lang));
                    o.push_str(&format!("- {y} : {yes_points}\n- {n} : {no_points}\n"));
                }
                Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
                    for opt in options {
                        o.push_str(&format!("- {} : {}\n", mt(&opt.label), opt.points));
                    }
                }
                Response::Numeric { unit, bands, .. } => {
                    let u = unit.as_ref().map(&mt).unwrap_or_default();
                    for b in bands {
                        o.push_str(&format!("- ≥ {} {u} : {}\n", b.from, b.points));
                    }
                }
            }
            o.push_str(&format!("\n> {}\n\n", mt(&q.rationale)));
            references_markdown(&q.references, lang, &mut o);
        }
    }
    changes_markdown(r, lang, &mut o);
    o
}

/// A question's legal texts, RGESN criteria and further reading, one line
/// each.
fn references_markdown(refs: &References, lang: Lang, o: &mut String) {
    let words = doc_labels(lang);
    let (legal, reading) = (words.legal_texts, words.further_reading);
    if !refs.legal.is_empty() {
        let items: Vec<String> = refs
            .legal
            .iter()
            .map(|l| {
                let name = match &l.article {
                    Some(a) => format!("{}, {}", l.text, a),
                    None => l.text.clone(),
                };
                format!("[{}]({})", escape_markdown(&name), markdown_url(&l.url))
            })
            .collect();
        o.push_str(&format!("{legal} : {}\n\n", items.join(" ; ")));
    }
    if !refs.rgesn.is_empty() {
        let ids: Vec<String> = refs.rgesn.iter().map(|c| escape_markdown(c)).collect();
        o.push_str(&format!("RGESN : {}\n\n", ids.join(", ")));
    }
    if !refs.urls.is_empty() {
        let links: Vec<String> = refs
            .urls
            .iter()
            .map(|u| format!("<{}>", markdown_url(u)))
            .collect();
        o.push_str(&format!("{reading} : {}\n\n", links.join(" ; ")));
    }
}

/// The referential's changelog, newest version first.
fn changes_markdown(r: &Referential, lang: Lang, o: &mut String) {
    if r.changes.is_empty() {
        return;
    }
    o.push_str("## CHANGES\n\n");
    for c in &r.changes {
        match &c.date {
            Some(d) => o.push_str(&format!(
                "### {} ({})\n\n",
                escape_markdown(&c.version),
                escape_markdown(date(d))
            )),
            None => o.push_str(&format!("### {}\n\n", escape_markdown(&c.version))),
        }
        for item in &c.items {
            o.push_str(&format!("- {}\n", escape_markdown(item.get(lang))));
        }
        o.push('\n');
    }
}

/// A web address as a Markdown link target: the characters that would end
/// the link or open markup percent-encoded.
fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '[' | ']' | '`' | '"' | '\\' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A small writer for documents that come out as terminal text or as
/// Markdown: one rendering function serves both formats.
struct Doc {
    markdown: bool,
    out: String,
}

impl Doc {
    fn new(markdown: bool) -> Doc {
        Doc {
            markdown,
            out: String::new(),
        }
    }
    /// Escapes user or referential text for the output format.
    fn esc(&self, s: &str) -> String {
        if self.markdown {
            escape_markdown(s)
        } else {
            plain(s)
        }
    }
    fn title(&mut self, s: &str) {
        if self.markdown {
            self.out.push_str(&format!("# {s}\n\n"));
        } else {
            self.out
                .push_str(&format!("{s}\n{}\n", "=".repeat(s.chars().count())));
        }
    }
    fn section(&mut self, s: &str) {
        if self.markdown {
            self.out.push_str(&format!("\n## {s}\n\n"));
        } else {
            self.out.push_str(&format!("\n{s}\n"));
        }
    }
    fn item(&mut self, s: &str) {
        let bullet = if self.markdown { "- " } else { "  - " };
        self.out.push_str(&format!("{bullet}{s}\n"));
    }
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }
}

/// A plan proposal as text or Markdown.
pub fn proposal(
    p: &crate::planning::optimize::Proposal,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    d.title(words.proposal);
    let target = opt_num(p.target_index, lang);
    d.line(&format!(
        "{} : {} → {} ({} {target})",
        words.index,
        opt_num(p.baseline_index, lang),
        opt_num(p.index, lang),
        words.target,
    ));
    d.line(reach(p.reachable, lang));
    d.line(&proposal_totals(
        p.total_effort,
        p.total_budget,
        p.exact,
        lang,
    ));
    d.section(words.steps);
    for s in &p.schedule {
        let title = d.esc(s.title.get(lang));
        d.item(&format!(
            "{}. {title} (+{} → {} ; effort {}, impact {}, {} {})",
            s.step,
            num(s.gain, lang),
            opt_num(s.index_after, lang),
            rating(s.effort, lang),
            rating(s.impact, lang),
            labels(lang).cost,
            cost(s.cost, lang)
        ));
    }
    d.section(words.themes);
    for t in &p.themes {
        let goal = t
            .target
            .map(|g| format!(" ({} {})", words.target, num(g, lang)))
            .unwrap_or_default();
        let id = d.esc(&t.id);
        d.item(&format!(
            "{id} : {} → {}{goal}",
            opt_num(t.before, lang),
            opt_num(t.after, lang)
        ));
    }
    d.out
}

/// A plan follow-up as text or Markdown.
pub fn plan_status(
    s: &crate::planning::plan::PlanStatus,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    // The date is kept out of Markdown escaping, as it always was.
    d.title(&format!(
        "{} {}",
        words.follow_up_as_of,
        plain(date(&s.as_of))
    ));
    let i = &s.index;
    d.line(&follow_up_index(i, lang));
    if let Some(t) = i.target {
        d.line(&format!(
            "{} {} : {}",
            words.target_heading,
            num(t, lang),
            on_track(i.on_track, lang)
        ));
    }
    d.line(&follow_up_spending(s, lang));
    d.section(words.actions_heading);
    for a in &s.actions {
        let late = if a.late { words.late } else { "" };
        let title = d.esc(&a.title);
        let owner = a
            .owner
            .as_deref()
            .map(|o| format!(", {}", d.esc(o)))
            .unwrap_or_default();
        let due = a
            .due
            .as_deref()
            .map(|o| format!(", {} {}", words.due, d.esc(date(o))))
            .unwrap_or_default();
        d.item(&format!(
            "{title} ({}, {} %{owner}{due}){late}",
            status_label(a.status, lang),
            num(a.progress, lang)
        ));
    }
    if !s.indicators.is_empty() {
        d.section(words.indicators);
        for ind in &s.indicators {
            let flag = if ind.off_track == Some(true) {
                words.off_track
            } else {
                ""
            };
            let name = d.esc(&ind.name);
            d.item(&format!(
                "{name} : {} ({} {} → {}){flag}",
                opt_num(ind.current, lang),
                words.expected,
                opt_num(ind.expected, lang),
                num(ind.target, lang)
            ));
        }
    }
    d.out
}

/// A history of assessments as text or Markdown.
pub fn history(h: &crate::follow_up::history::History, format: ReportFormat, lang: Lang) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    d.title(words.history);
    for e in &h.entries {
        let grade = e
            .grade
            .as_deref()
            .map(|g| format!(" ({})", d.esc(g)))
            .unwrap_or_default();
        let when = d.esc(date(&e.date));
        d.item(&format!("{when} : {}{grade}", opt_num(e.index, lang)));
    }
    if let Some(o) = &h.overall {
        d.section(words.change);
        d.line(&format!(
            "{} → {} : {}",
            d.esc(date(&o.from)),
            d.esc(date(&o.to)),
            opt_num(o.index_delta, lang)
        ));
        for t in &o.themes {
            let id = d.esc(&t.id);
            d.item(&format!(
                "{id} : {} → {} ({})",
                opt_num(t.before, lang),
                opt_num(t.after, lang),
                opt_num(t.delta, lang)
            ));
        }
    }
    d.out
}

/// A peer comparison as text or Markdown.
pub fn peer_comparison(
    c: &crate::follow_up::peers::PeerComparison,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    d.title(words.peers);
    d.line(&format!(
        "{} : {} · {} : {}",
        words.index,
        opt_num(c.subject_index, lang),
        words.peers_compared,
        c.compared
    ));
    for s in &c.strata {
        let label = d.esc(&s.label);
        d.section(&format!("{label} ({} : {})", words.size, s.size));
        match (&s.index, &s.reason) {
            (Some(st), _) => d.item(&format!(
                "{} {} · {} {} · {} {} – {}",
                words.percentile_rank,
                opt_num(st.percentile_rank, lang),
                words.median,
                num(st.median, lang),
                words.quartiles,
                num(st.q1, lang),
                num(st.q3, lang)
            )),
            (None, Some(reason)) => {
                let reason = d.esc(reason);
                d.item(&reason);
            }
            (None, None) => d.item(words.no_statistics),
        }
    }
    d.out
}

/// A migration report as text or Markdown: counts, then every answer.
pub fn migration_report(
    m: &crate::model::crosswalk::MigrationReport,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    let title = format!(
        "{} {} {} → {} {}",
        words.migration, m.from.id, m.from.version, m.to.id, m.to.version
    );
    d.title(&d.esc(&title));
    let c = &m.counts;
    d.line(&migration_counts(c, lang));
    d.section(words.answers);
    for e in &m.entries {
        let from = if e.from.is_empty() {
            "–".to_owned()
        } else {
            e.from.join(", ")
        };
        let to = e.to.as_deref().unwrap_or("–");
        let after = e.after.as_ref().map(|a| a.kind_name()).unwrap_or("–");
        let reason = e
            .reason
            .as_deref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        let text = format!(
            "{} : {from} → {to} ({after}){reason}",
            outcome(e.outcome, lang)
        );
        d.item(&d.esc(&text));
    }
    d.out
}

/// A migration simulation as text or Markdown: index and themes before and
/// after, then the report.
pub fn migration_simulation(
    s: &crate::model::crosswalk::MigrationSimulation,
    format: ReportFormat,
    lang: Lang,
) -> String {
    let words = doc_labels(lang);
    let mut d = Doc::new(format == ReportFormat::Markdown);
    d.title(words.migration_simulation);
    let grade = |g: &Option<String>| g.as_deref().map(|g| format!(" ({g})")).unwrap_or_default();
    let line = format!(
        "{} : {}{} → {}{} ({})",
        words.index,
        opt_num(s.index_before, lang),
        grade(&s.grade_before),
        opt_num(s.index_after, lang),
        grade(&s.grade_after),
        opt_num(s.index_delta, lang)
    );
    d.line(&d.esc(&line));
    d.section(words.themes);
    for t in &s.themes {
        let text = format!(
            "{} : {} → {}",
            t.id,
            opt_num(t.before, lang),
            opt_num(t.after, lang)
        );
        d.item(&d.esc(&text));
    }
    let mut out = d.out;
    out.push('\n');
    out.push_str(&migration_report(&s.report, format, lang));
    out
}
