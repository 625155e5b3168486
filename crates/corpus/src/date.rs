//! Dates as corpora write them, rewritten into one sortable form.
//!
//! Records carry dates as ISO 8601 / RFC 3339 / WARC-Date, Reuters-style
//! `26-FEB-1987 15:01:01.79`, RFC 2822 `Tue, 15 Nov 1994 08:12:31 GMT`, or Unix epoch seconds
//! or milliseconds. `stats` needs their day, `--keep earliest` their order: both come from
//! [`sortable_date`], so that the two never disagree about what a date says.

/// The date rewritten as `YYYY-MM-DDTHH:MM:SS`, so that text order is time order (offsets are
/// not applied). `None` for anything else, and for impossible months and days, so that such
/// dates count as unparsed rather than guessed.
pub fn sortable_date(date: &str) -> Option<String> {
    let date = date.trim();
    let b = date.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
    {
        let time = if b.len() >= 19 && digits(11..13) && digits(14..16) && digits(17..19) {
            &date[11..19]
        } else {
            "00:00:00"
        };
        let mut out = valid_day(
            date[..4].parse().ok()?,
            date[5..7].parse().ok()?,
            date[8..10].parse().ok()?,
        )?;
        out.push('T');
        out.push_str(time);
        return Some(out);
    }
    if !date.is_empty() && date.len() <= 13 && b.iter().all(u8::is_ascii_digit) {
        let n: i64 = date.parse().ok()?;
        let secs = if date.len() >= 12 { n / 1000 } else { n };
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        let mut out = valid_day(y, m, d)?;
        // `rem` is under a day: each part has two digits.
        for (sep, part) in [('T', rem / 3600), (':', rem % 3600 / 60), (':', rem % 60)] {
            out.push(sep);
            push_digits(&mut out, part as u32, 2);
        }
        return Some(out);
    }
    // `26-FEB-1987 15:01:01.79`, `15 Nov 1994 08:12:31`, `Tue, 15 Nov 1994 08:12:31 GMT`
    // `split_once(", ")`, without building a substring searcher for every date.
    let rest = b
        .windows(2)
        .position(|w| w == b", ")
        .map_or(date, |k| &date[k + 2..]);
    let mut parts = rest.split(['-', ' ']).filter(|p| !p.is_empty());
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: i64 = parts.next()?.get(..4)?.parse().ok()?;
    let time = parts
        .next()
        .and_then(|t| t.get(..8))
        .filter(|t| t.as_bytes().get(2) == Some(&b':') && t.as_bytes().get(5) == Some(&b':'))
        .unwrap_or("00:00:00");
    let mut out = valid_day(year, month, day)?;
    out.push('T');
    out.push_str(time);
    Some(out)
}

/// The calendar day (`YYYY-MM-DD`) of a date in any form [`sortable_date`] reads.
pub fn day_of(date: &str) -> Option<String> {
    sortable_date(date).map(|mut s| {
        s.truncate(10);
        s
    })
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.as_bytes();
    let lower = [
        prefix[0].to_ascii_lowercase(),
        prefix[1].to_ascii_lowercase(),
        prefix[2].to_ascii_lowercase(),
    ];
    MONTHS
        .iter()
        .position(|m| m.as_bytes() == lower)
        .map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD`, with room for the time. Written digit by digit: `format!` made this a
/// sixth of `dedup`'s clustering step on Reuters (it runs once per document).
fn valid_day(year: i64, month: u32, day: u32) -> Option<String> {
    if !((1..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)) {
        return None;
    }
    let mut out = String::with_capacity(19);
    push_digits(&mut out, year as u32, 4);
    out.push('-');
    push_digits(&mut out, month, 2);
    out.push('-');
    push_digits(&mut out, day, 2);
    Some(out)
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for k in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_as_time_does() {
        let cases = [
            ("1987-03-12T14:10:00Z", "1987-03-12T14:10:00"),
            ("2018-07-16", "2018-07-16T00:00:00"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
            ("Tue, 15 Nov 1994 08:12:31 GMT", "1994-11-15T08:12:31"),
            ("0", "1970-01-01T00:00:00"),
            ("1531742400", "2018-07-16T12:00:00"),
            ("1531742400000", "2018-07-16T12:00:00"),
        ];
        for (given, expected) in cases {
            assert_eq!(sortable_date(given).as_deref(), Some(expected), "{given}");
        }
        assert_eq!(sortable_date("last Tuesday"), None);
        for (given, expected) in [
            ("Sun, 1 jAn 2023", Some("2023-01-01T00:00:00")),
            ("x, y, 3 DEC 1999 10:11:12", None),
            ("3 Déc 1999", None),
            ("3 decembre 1999", Some("1999-12-03T00:00:00")),
            (",  4-Jul-1776", Some("1776-07-04T00:00:00")),
        ] {
            assert_eq!(sortable_date(given).as_deref(), expected, "{given}");
        }
        assert_eq!(sortable_date(""), None);
        // Reuters-style dates in two months: text order of the rewritten form is time order.
        assert!(
            sortable_date("02-MAR-1987 09:00:00.00") > sortable_date("26-FEB-1987 15:01:01.79")
        );
    }

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
