//! Self-contained SVG charts: a radar of theme scores and the evolution of
//! the index over time. The output is deterministic (every coordinate has
//! one decimal), has a `<title>` for assistive technologies, uses no
//! external resource and prints in black and white (series differ by dash
//! pattern and marker as well as by colour). Every label is escaped.

use std::fmt::Write as _;

use crate::model::text::Lang;
use crate::report::labels::{date, evolution_labels, radar_labels, RadarLabels};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Escapes text for XML (and HTML) content and attribute values: `&`, `<`,
/// `>`, `"` and `'` become entities; tabs and line breaks become spaces and
/// every other control character is removed.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One polygon of a radar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarSeries {
    /// Legend label.
    pub label: String,
    /// One score (0–100) per axis, in axis order; `None` is drawn at 0 and
    /// marked with a hollow circle. Missing trailing values count as `None`.
    pub values: Vec<Option<f64>>,
}

/// Stroke colour, dash pattern (empty: solid) and fill of the n-th series.
const STYLES: [(&str, &str); 6] = [
    ("#1f4e79", ""),
    ("#b03a2e", "6 4"),
    ("#2e7d32", "2 3"),
    ("#6a1b9a", "8 3 2 3"),
    ("#e65100", "12 4"),
    ("#37474f", "1 2"),
];

fn style(i: usize) -> (&'static str, &'static str) {
    STYLES
        .get(i % STYLES.len())
        .copied()
        .unwrap_or(("#000", ""))
}

/// A number with one decimal, never `-0.0`.
fn f1(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() {
        "0.0".to_owned()
    } else {
        format!("{r:.1}")
    }
}

/// A score for drawing: clamped to 0–100; `None` for no or non-finite values.
fn clamp_score(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(|x| x.clamp(0.0, 100.0))
}

fn dash_attr(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

/// A radar chart of 0–100 scores, one axis per entry of `axes`, one polygon
/// per series, with French captions. See `radar_in`.
pub fn radar(axes: &[String], series: &[RadarSeries]) -> String {
    radar_in(axes, series, Lang::Fr)
}

/// A radar chart of 0–100 scores with captions in `lang`: grid rings at 25,
/// 50, 75 and 100, one `<polygon>` per series (distinct colours and dash
/// patterns), a legend, and a hollow circle on the axis of every `None`
/// value (drawn at 0).
pub fn radar_in(axes: &[String], series: &[RadarSeries], lang: Lang) -> String {
    let l = radar_labels(lang);
    let g = Radar {
        n: axes.len(),
        cx: 360.0,
        cy: 230.0,
        radius: 150.0,
    };
    let legend_top = 430.0;
    let has_none = series
        .iter()
        .any(|s| (0..g.n).any(|i| clamp_score(s.values.get(i).copied().flatten()).is_none()));
    let legend_rows = series.len() + usize::from(has_none);
    let height = legend_top + 22.0 * legend_rows as f64 + 10.0;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg xmlns=\"{SVG_NS}\" class=\"chart radar\" role=\"img\" viewBox=\"0 0 720 {h}\" \
         width=\"720\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\
         <title>{title}</title>",
        h = f1(height),
        title = escape_xml(l.title),
    );
    radar_grid(&mut o, &g);
    radar_axes(&mut o, &g, axes);
    for (k, s) in series.iter().enumerate() {
        radar_series(&mut o, &g, k, s, l);
    }
    radar_legend(&mut o, series, has_none, legend_top, l);
    o.push_str("</g></svg>");
    o
}

/// The geometry of a radar chart: `n` axes around a centre.
struct Radar {
    n: usize,
    cx: f64,
    cy: f64,
    radius: f64,
}

impl Radar {
    /// Where value `v` (0–100) lies on axis `i`: the first axis points up,
    /// the others follow clockwise.
    fn point(&self, i: usize, v: f64) -> (f64, f64) {
        let a = -std::f64::consts::FRAC_PI_2
            + 2.0 * std::f64::consts::PI * (i as f64) / (self.n.max(1) as f64);
        (
            self.cx + self.radius * v / 100.0 * a.cos(),
            self.cy + self.radius * v / 100.0 * a.sin(),
        )
    }
}

/// Grid rings at 25, 50, 75 and 100 (paths, so that `<polygon>` means a
/// series) and the axes.
fn radar_grid(o: &mut String, g: &Radar) {
    let (n, cx, cy, radius) = (g.n, g.cx, g.cy, g.radius);
    let point = |i: usize, v: f64| g.point(i, v);
    o.push_str("<g class=\"grid\" fill=\"none\" stroke=\"#999\" stroke-width=\"0.8\">");
    for ring in [25.0, 50.0, 75.0, 100.0] {
        if n >= 3 {
            let mut d = String::new();
            for i in 0..n {
                let (x, y) = point(i, ring);
                let _ = write!(d, "{}{},{} ", if i == 0 { "M" } else { "L" }, f1(x), f1(y));
            }
            d.push('Z');
            let _ = write!(o, "<path d=\"{d}\"/>");
        } else {
            let _ = write!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                f1(cx),
                f1(cy),
                f1(radius * ring / 100.0)
            );
        }
        let y = cy - radius * ring / 100.0;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" fill=\"#666\" stroke=\"none\" font-size=\"10\">{}</text>",
            f1(cx + 3.0),
            f1(y - 2.0),
            ring as u32
        );
    }
    for i in 0..n {
        let (x, y) = point(i, 100.0);
        let _ = write!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            f1(cx),
            f1(cy),
            f1(x),
            f1(y)
        );
    }
    o.push_str("</g>");
}

/// The axis labels, cut at 26 characters (the whole label in a tooltip).
fn radar_axes(o: &mut String, g: &Radar, axes: &[String]) {
    let cx = g.cx;
    let point = |i: usize, v: f64| g.point(i, v);
    o.push_str("<g class=\"axes\" fill=\"#000\">");
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = point(i, 112.0);
        let anchor = if (x - cx).abs() < 1.0 {
            "middle"
        } else if x > cx {
            "start"
        } else {
            "end"
        };
        let label: String = axis.chars().take(26).collect();
        let ellipsis = if axis.chars().count() > 26 { "…" } else { "" };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">\
             <title>{}</title>{}{ellipsis}</text>",
            f1(x),
            f1(y),
            escape_xml(axis),
            escape_xml(&label)
        );
    }
    o.push_str("</g>");
}

/// One series: its polygon, a dot per value, a hollow circle per missing
/// value.
fn radar_series(o: &mut String, g: &Radar, k: usize, s: &RadarSeries, l: &RadarLabels) {
    let n = g.n;
    let point = |i: usize, v: f64| g.point(i, v);
    let (colour, dash) = style(k);
    let pts: Vec<String> = (0..n)
        .map(|i| {
            let v = clamp_score(s.values.get(i).copied().flatten()).unwrap_or(0.0);
            let (x, y) = point(i, v);
            format!("{},{}", f1(x), f1(y))
        })
        .collect();
    let _ = write!(
        o,
        "<g class=\"series\"><polygon points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.08\" \
         stroke=\"{colour}\" stroke-width=\"2\"{}><title>{}</title></polygon>",
        pts.join(" "),
        dash_attr(dash),
        escape_xml(&s.label)
    );
    for i in 0..n {
        let v = clamp_score(s.values.get(i).copied().flatten());
        match v {
            Some(v) => {
                let (x, y) = point(i, v);
                let _ = write!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{colour}\"/>",
                    f1(x),
                    f1(y)
                );
            }
            None => {
                // Hollow circle a little way along the axis, so that every
                // missing value stays visible near the centre.
                let (x, y) = point(i, 6.0 + 4.0 * k as f64);
                let _ = write!(
                    o,
                    "<circle class=\"none\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#fff\" \
                     stroke=\"{colour}\" stroke-width=\"1.5\"><title>{}</title></circle>",
                    f1(x),
                    f1(y),
                    escape_xml(l.none)
                );
            }
        }
    }
    o.push_str("</g>");
}

/// The legend: one line per series, and what a hollow circle means.
fn radar_legend(
    o: &mut String,
    series: &[RadarSeries],
    has_none: bool,
    legend_top: f64,
    l: &RadarLabels,
) {
    o.push_str("<g class=\"legend\">");
    for (k, s) in series.iter().enumerate() {
        let (colour, dash) = style(k);
        let y = legend_top + 22.0 * k as f64;
        let _ = write!(
            o,
            "<line x1=\"40\" y1=\"{y}\" x2=\"80\" y2=\"{y}\" stroke=\"{colour}\" \
             stroke-width=\"2\"{}/><text x=\"88\" y=\"{ty}\">{}</text>",
            dash_attr(dash),
            escape_xml(&s.label),
            y = f1(y),
            ty = f1(y + 4.0),
        );
    }
    if has_none {
        let y = legend_top + 22.0 * series.len() as f64;
        let _ = write!(
            o,
            "<text x=\"40\" y=\"{}\" fill=\"#333\">{}</text>",
            f1(y + 4.0),
            escape_xml(l.none)
        );
    }
}

/// `(date, achieved, planned)`.
type Point = (String, Option<f64>, Option<f64>);

/// A line chart of the index over dates, with French captions. See
/// `evolution_in`.
pub fn evolution(points: &[(String, Option<f64>, Option<f64>)]) -> String {
    evolution_in(points, Lang::Fr)
}

/// A line chart of the index over dates, with captions in `lang`: each
/// point is `(date, achieved, planned)`; x is the point's position, labelled
/// with its date; y is the index on a 0–100 axis. Achieved is a solid line
/// with filled dots, planned a dashed line with hollow squares; a `None`
/// breaks its line.
pub fn evolution_in(points: &[(String, Option<f64>, Option<f64>)], lang: Lang) -> String {
    let l = evolution_labels(lang);
    let g = Plot {
        left: 70.0,
        right: 580.0,
        top: 20.0,
        height: 240.0,
        n: points.len(),
    };
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg xmlns=\"{SVG_NS}\" class=\"chart evolution\" role=\"img\" viewBox=\"0 0 600 360\" \
         width=\"600\" height=\"360\" font-family=\"sans-serif\" font-size=\"11\">\
         <title>{}</title>",
        escape_xml(l.title)
    );
    evolution_grid(&mut o, &g);
    evolution_dates(&mut o, &g, points);
    evolution_lines(&mut o, &g, points);
    let (c_ach, _) = style(0);
    let (c_plan, dash_plan) = style(1);
    // Legend.
    let _ = write!(
        o,
        "<g class=\"legend\"><line x1=\"60\" y1=\"345\" x2=\"100\" y2=\"345\" stroke=\"{c_ach}\" \
         stroke-width=\"2.5\"/><text x=\"108\" y=\"349\">{}</text>\
         <line x1=\"300\" y1=\"345\" x2=\"340\" y2=\"345\" stroke=\"{c_plan}\" stroke-width=\"2\"{}/>\
         <text x=\"348\" y=\"349\">{}</text></g></svg>",
        escape_xml(l.achieved),
        dash_attr(dash_plan),
        escape_xml(l.planned)
    );
    o
}

/// The plot area of the evolution chart, for `n` dates.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    height: f64,
    n: usize,
}

impl Plot {
    fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// The x of the i-th date: evenly spaced, one date in the middle.
    fn x_of(&self, i: usize) -> f64 {
        if self.n <= 1 {
            (self.left + self.right) / 2.0
        } else {
            self.left + 20.0 + (self.right - self.left - 40.0) * (i as f64) / ((self.n - 1) as f64)
        }
    }

    /// The y of a 0–100 value.
    fn y_of(&self, v: f64) -> f64 {
        self.bottom() - self.height * v / 100.0
    }
}

/// The y axis and its grid lines at 0, 25, 50, 75 and 100.
fn evolution_grid(o: &mut String, g: &Plot) {
    let (left, right) = (g.left, g.right);
    let y_of = |v: f64| g.y_of(v);
    o.push_str("<g class=\"grid\" stroke=\"#bbb\" stroke-width=\"0.8\">");
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = y_of(v);
        let _ = write!(
            o,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\
             <text x=\"{}\" y=\"{ty}\" text-anchor=\"end\" fill=\"#333\" stroke=\"none\">{}</text>",
            f1(left),
            f1(right),
            f1(left - 6.0),
            v as u32,
            y = f1(y),
            ty = f1(y + 4.0),
        );
    }
    o.push_str("</g>");
}

/// The date labels: at most about 12, evenly spaced.
fn evolution_dates(o: &mut String, g: &Plot, points: &[Point]) {
    let (n, bottom) = (g.n, g.bottom());
    let x_of = |i: usize| g.x_of(i);
    let every = n.div_ceil(12).max(1);
    o.push_str("<g class=\"dates\" fill=\"#000\">");
    for (i, (d, _, _)) in points.iter().enumerate() {
        if i % every != 0 && i + 1 != n {
            continue;
        }
        let x = x_of(i);
        let y = bottom + 16.0;
        let _ = write!(
            o,
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"end\" transform=\"rotate(-30 {x} {y})\">{}</text>",
            escape_xml(date(d)),
            x = f1(x),
            y = f1(y),
        );
    }
    o.push_str("</g>");
}

/// The achieved and planned lines (a gap where a value is missing) and a
/// marker per value.
fn evolution_lines(o: &mut String, g: &Plot, points: &[Point]) {
    let x_of = |i: usize| g.x_of(i);
    let y_of = |v: f64| g.y_of(v);
    let path = |pick: &dyn Fn(&Point) -> Option<f64>| -> String {
        let mut d = String::new();
        let mut pen_down = false;
        for (i, p) in points.iter().enumerate() {
            match clamp_score(pick(p)) {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{},{} ",
                        if pen_down { "L" } else { "M" },
                        f1(x_of(i)),
                        f1(y_of(v))
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        d.trim_end().to_owned()
    };
    let planned = path(&|p| p.2);
    let achieved = path(&|p| p.1);
    let (c_ach, _) = style(0);
    let (c_plan, dash_plan) = style(1);
    if !planned.is_empty() {
        let _ = write!(
            o,
            "<path class=\"planned\" d=\"{planned}\" fill=\"none\" stroke=\"{c_plan}\" \
             stroke-width=\"2\"{}/>",
            dash_attr(dash_plan)
        );
    }
    if !achieved.is_empty() {
        let _ = write!(
            o,
            "<path class=\"achieved\" d=\"{achieved}\" fill=\"none\" stroke=\"{c_ach}\" \
             stroke-width=\"2.5\"/>"
        );
    }
    for (i, (d, a, p)) in points.iter().enumerate() {
        let x = x_of(i);
        if let Some(v) = clamp_score(*p) {
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#fff\" stroke=\"{c_plan}\" \
                 stroke-width=\"1.5\"><title>{} : {}</title></rect>",
                f1(x - 3.5),
                f1(y_of(v) - 3.5),
                escape_xml(date(d)),
                f1(v)
            );
        }
        if let Some(v) = clamp_score(*a) {
            let _ = write!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{c_ach}\"><title>{} : {}</title></circle>",
                f1(x),
                f1(y_of(v)),
                escape_xml(date(d)),
                f1(v)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_controls() {
        assert_eq!(
            escape_xml("<a href='x'>&\"\u{1b}[31m\nz"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;[31m z"
        );
    }

    #[test]
    fn one_decimal_without_negative_zero() {
        assert_eq!(f1(-0.00001), "0.0");
        assert_eq!(f1(12.345), "12.3");
        assert_eq!(f1(f64::NAN), "0.0");
    }

    #[test]
    fn radar_has_one_polygon_per_series_and_is_deterministic() {
        let axes: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let series = vec![
            RadarSeries {
                label: "now".into(),
                values: vec![Some(10.0), None, Some(100.0), Some(50.0)],
            },
            RadarSeries {
                label: "goal".into(),
                values: vec![Some(80.0); 4],
            },
        ];
        let svg = radar(&axes, &series);
        assert_eq!(svg.matches("<polygon").count(), 2);
        assert!(svg.contains("class=\"none\""));
        assert!(svg.contains("stroke-dasharray"));
        assert_eq!(svg, radar(&axes, &series));
    }

    #[test]
    fn evolution_breaks_lines_on_none() {
        let pts = vec![
            ("2025-01-01".to_owned(), Some(20.0), Some(20.0)),
            ("2025-06-01".to_owned(), None, Some(40.0)),
            ("2026-01-01".to_owned(), Some(35.0), Some(60.0)),
        ];
        let svg = evolution(&pts);
        assert!(svg.contains("class=\"achieved\" d=\"M"));
        // Achieved: two separate moves, no line across the gap.
        let achieved = svg.split("class=\"achieved\" d=\"").nth(1).unwrap_or("");
        let d = achieved.split('"').next().unwrap_or("");
        assert_eq!(d.matches('M').count(), 2);
        assert!(!d.contains('L'));
    }
}
