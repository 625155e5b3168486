//! Inline SVG charts: drawn from numbers with presentation attributes only (no style
//! attributes, no scripts), so the page's content security policy can stay strict.

use std::fmt::Write;

use super::escape::{esc, percent, thousands};

/// The colour of each label; unknown labels are grey.
pub fn label_colour(label: &str) -> &'static str {
    match label {
        "headline" => "#1f4e79",
        "byline" => "#5b8db8",
        "dateline" => "#9cc3e4",
        "body" => "#2e7d32",
        "caption" => "#f9a825",
        "credit" => "#ef6c00",
        "related" => "#8e24aa",
        "boilerplate" => "#c62828",
        _ => "#9e9e9e",
    }
}

/// A legend of label colours.
pub fn legend(labels: &[String]) -> String {
    let mut out = String::from("<div class=\"legend\">");
    for l in labels {
        let _ = write!(
            out,
            "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/></svg>{}</span>",
            label_colour(l),
            esc(l)
        );
    }
    out.push_str("</div>");
    out
}

/// One row of a stacked bar chart: a name and the shares of each label.
pub struct StackedRow {
    pub name: String,
    pub note: String,
    pub shares: Vec<(String, f64)>,
}

const NAME_W: f64 = 230.0;
const BAR_W: f64 = 330.0;
const ROW_H: f64 = 22.0;

/// Horizontal stacked bars, one per row, shares of 100%.
pub fn stacked_bars(rows: &[StackedRow], title: &str) -> String {
    let height = ROW_H * rows.len() as f64 + 8.0;
    let width = NAME_W + BAR_W + 110.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">",
        esc(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64 * ROW_H + 4.0;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            NAME_W - 8.0,
            y + 13.0,
            esc(&shorten(&row.name, 32))
        );
        let mut x = NAME_W;
        for (label, share) in &row.shares {
            let w = (share * BAR_W).max(0.0);
            if w < 0.05 {
                continue;
            }
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"16\" fill=\"{}\"><title>{}: {} {}</title></rect>",
                label_colour(label),
                esc(&row.name),
                esc(label),
                percent(*share)
            );
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            NAME_W + BAR_W + 6.0,
            y + 13.0,
            esc(&row.note)
        );
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars of a value in [0, 1] per name, with the value printed.
pub fn rate_bars(rows: &[(String, f64, String)], title: &str, colour: &str) -> String {
    let height = ROW_H * rows.len().max(1) as f64 + 8.0;
    let width = NAME_W + BAR_W + 120.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">",
        esc(title)
    );
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-9);
    for (i, (name, value, note)) in rows.iter().enumerate() {
        let y = i as f64 * ROW_H + 4.0;
        let w = (value / max * BAR_W).max(0.0);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{NAME_W}\" y=\"{y:.1}\" width=\"{BAR_W}\" height=\"16\" fill=\"#eef1f6\"/><rect x=\"{NAME_W}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"><title>{}: {}</title></rect><text x=\"{}\" y=\"{}\">{} {}</text>",
            NAME_W - 8.0,
            y + 13.0,
            esc(&shorten(name, 32)),
            esc(name),
            percent(*value),
            NAME_W + BAR_W + 6.0,
            y + 13.0,
            percent(*value),
            esc(note)
        );
    }
    out.push_str("</svg>");
    out
}

/// Vertical bars of counts per bin.
pub fn histogram(bins: &[(String, u64)], title: &str) -> String {
    let (w, h, pad_l, pad_b) = (560.0, 220.0, 50.0, 30.0);
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let slot = (w - pad_l - 10.0) / bins.len().max(1) as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {h}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">",
        esc(title)
    );
    let _ = write!(
        out,
        "<line x1=\"{pad_l}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
        h - pad_b,
        w - 10.0,
        h - pad_b
    );
    for (i, (name, count)) in bins.iter().enumerate() {
        let bh = *count as f64 / max * (h - pad_b - 24.0);
        let x = pad_l + i as f64 * slot + slot * 0.15;
        let bw = slot * 0.7;
        let y = h - pad_b - bh;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" fill=\"#1f4e79\"><title>{} documents per cluster: {} clusters</title></rect><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            esc(name),
            thousands(*count),
            x + bw / 2.0,
            y - 4.0,
            thousands(*count),
            x + bw / 2.0,
            h - pad_b + 16.0,
            esc(name)
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">documents per cluster</text></svg>",
        pad_l + (w - pad_l) / 2.0,
        h - 2.0
    );
    out
}

/// `text` cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_labels_are_escaped() {
        let rows = vec![StackedRow {
            name: "<script>alert(1)</script>.example".into(),
            note: "3 docs".into(),
            shares: vec![("body".into(), 0.5), ("boilerplate".into(), 0.5)],
        }];
        let svg = stacked_bars(&rows, "shares");
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn histogram_draws_one_bar_per_bin() {
        let svg = histogram(
            &[("2".into(), 10), ("3".into(), 4), ("21+".into(), 0)],
            "sizes",
        );
        assert_eq!(svg.matches("<rect").count(), 3);
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("fairhavenfinancenow.example", 10), "fairhaven…");
        assert_eq!(shorten("ap.org", 10), "ap.org");
    }
}
