//! `copydesk stats`: an inventory of a corpus before anything is done to it.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use clap::{Args, ValueEnum};
use copydesk_corpus::Document;
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, InputArgs};
use crate::pipeline;
use crate::style::Palette;

const TOP_SOURCES: usize = 20;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  copydesk stats corpus/
  copydesk stats crawl.warc.gz news.jsonl.zst --format json
  zcat dump.jsonl.gz | copydesk stats - --source-field metadata.domain")]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

/// What the inventory accumulates; memory grows with the number of distinct sources only.
#[derive(Default)]
struct Inventory {
    sources: HashMap<String, u64>,
    no_source: u64,
    formats: BTreeMap<&'static str, u64>,
    html: u64,
    decode_errors: u64,
    earliest: Option<String>,
    latest: Option<String>,
    undated: u64,
    unparsed_dates: u64,
}

impl Inventory {
    fn add(&mut self, doc: &Document) {
        match &doc.source {
            Some(s) => *self.sources.entry(s.clone()).or_default() += 1,
            None => self.no_source += 1,
        }
        *self.formats.entry(doc.format.name()).or_default() += 1;
        self.html += u64::from(doc.content.is_html());
        self.decode_errors += u64::from(doc.decode_errors);
        match doc.date.as_deref().map(day_of) {
            None => self.undated += 1,
            Some(None) => self.unparsed_dates += 1,
            Some(Some(day)) => {
                if self.earliest.as_ref().is_none_or(|e| day < *e) {
                    self.earliest = Some(day.clone());
                }
                if self.latest.as_ref().is_none_or(|l| day > *l) {
                    self.latest = Some(day);
                }
            }
        }
    }

    /// Sources by count, then name, so that ties print in a stable order.
    fn top_sources(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.sources.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(TOP_SOURCES);
        v
    }
}

/// The calendar day of a date as corpora write them, as `YYYY-MM-DD`: ISO 8601 / RFC 3339 /
/// WARC-Date (`2024-05-01T10:00:00Z`), Reuters-style `26-FEB-1987 15:01:01.79`, RFC 2822
/// (`Tue, 15 Nov 1994 08:12:31 GMT`), and Unix epoch seconds or milliseconds. `None` when the
/// string is none of these, so that such dates are counted as unparsed rather than guessed.
fn day_of(date: &str) -> Option<String> {
    let date = date.trim();
    if let Some(day) = date.get(..10) {
        let b = day.as_bytes();
        let iso = b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        if iso {
            return valid_day(
                day[..4].parse().ok()?,
                day[5..7].parse().ok()?,
                day[8..].parse().ok()?,
            );
        }
    }
    if !date.is_empty() && date.len() <= 13 && date.bytes().all(|c| c.is_ascii_digit()) {
        let n: i64 = date.parse().ok()?;
        let secs = if date.len() >= 12 { n / 1000 } else { n };
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
        return valid_day(y, m, d);
    }
    // `26-FEB-1987 ...`, `15 Nov 1994 ...`, `Tue, 15 Nov 1994 ...`
    let rest = date.split_once(", ").map_or(date, |(_, r)| r);
    let mut parts = rest.split(['-', ' ']).filter(|p| !p.is_empty());
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year_part = parts.next()?;
    let year: i64 = year_part.get(..4)?.parse().ok()?;
    valid_day(year, month, day)
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

fn valid_day(year: i64, month: u32, day: u32) -> Option<String> {
    ((1..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub fn run(args: StatsArgs, global: &GlobalArgs) -> Result<()> {
    let mut inv = Inventory::default();
    let summary = pipeline::read_batches(&args.input, global, |batch| {
        for doc in batch.iter().flatten() {
            inv.add(doc);
        }
        Ok(())
    })?;
    let top = inv.top_sources();
    match args.format {
        StatsFormat::Json => {
            let report = json!({
                "documents": summary.documents,
                "errors": summary.errors,
                "bytes": summary.text_bytes,
                "html_documents": inv.html,
                "decode_errors": inv.decode_errors,
                "distinct_sources": inv.sources.len(),
                "documents_without_source": inv.no_source,
                "sources": top.iter().map(|(s, n)| json!({"source": s, "documents": n})).collect::<Vec<Value>>(),
                "dates": {"earliest": inv.earliest, "latest": inv.latest, "undated": inv.undated, "unparsed": inv.unparsed_dates},
                "formats": inv.formats,
                "seconds": (summary.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            });
            println!("{report}");
        }
        StatsFormat::Text => {
            let p = Palette::for_stdout();
            println!("{} {}", p.bold("documents"), summary.documents);
            println!("{} {}", p.bold("errors   "), summary.errors);
            println!(
                "{} {} ({:.1} MB)",
                p.bold("bytes    "),
                summary.text_bytes,
                summary.text_bytes as f64 / 1e6
            );
            println!(
                "{} {} HTML, {} plain text",
                p.bold("content  "),
                inv.html,
                summary.documents - inv.html
            );
            if inv.decode_errors > 0 {
                println!(
                    "{} {} documents had bytes invalid in their encoding",
                    p.bold("encoding "),
                    inv.decode_errors
                );
            }
            let formats: Vec<String> = inv
                .formats
                .iter()
                .map(|(f, n)| format!("{f} {n}"))
                .collect();
            println!("{} {}", p.bold("formats  "), formats.join(", "));
            match (&inv.earliest, &inv.latest) {
                (Some(e), Some(l)) => println!(
                    "{} {e} .. {l} ({} undated, {} unparsed)",
                    p.bold("dates    "),
                    inv.undated,
                    inv.unparsed_dates
                ),
                _ => println!(
                    "{} none ({} undated, {} unparsed)",
                    p.bold("dates    "),
                    inv.undated,
                    inv.unparsed_dates
                ),
            }
            println!(
                "{} {} distinct, {} documents without one{}",
                p.bold("sources  "),
                inv.sources.len(),
                inv.no_source,
                if inv.sources.len() > TOP_SOURCES {
                    format!("; top {TOP_SOURCES}:")
                } else {
                    String::new()
                }
            );
            for (source, n) in &top {
                println!("  {n:>8}  {source}");
            }
            if !global.quiet {
                let secs = summary.elapsed.as_secs_f64().max(1e-3);
                eprintln!(
                    "{}",
                    p.dim(&format!(
                        "read in {:.2}s ({:.0} docs/s)",
                        secs,
                        summary.documents as f64 / secs
                    ))
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_corpora_use_give_their_day() {
        let cases = [
            ("2024-05-01T10:00:00Z", Some("2024-05-01")),
            ("1987-03-02", Some("1987-03-02")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26")),
            (" 2-MAR-1987 09:30:00.00", Some("1987-03-02")),
            ("Tue, 15 Nov 1994 08:12:31 GMT", Some("1994-11-15")),
            ("1700000000", Some("2023-11-14")),
            ("1700000000000", Some("2023-11-14")),
            ("0", Some("1970-01-01")),
            ("2024-13-01", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(day_of(input).as_deref(), want, "{input}");
        }
    }
}
