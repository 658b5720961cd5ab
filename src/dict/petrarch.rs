//! The PETRARCH/TABARI actor dictionary format, as in the Phoenix `*.actors.txt` files.
//!
//! ```text
//! VLADIMIR_PUTIN_  # comment          a primary phrase starts a record
//! +PUTIN_                             `+` adds a synonym
//!     [RUSELI 700101-990809]          an indented code line: a date window, inclusive
//!     [RUSGOV >080508]                from that date on (`<` up to it)
//!     [RUSELI]                        undated: the fallback when no window applies
//! UN_ [IGOUNO]                        codes may also follow a phrase on its line
//! ```
//!
//! `_` joins words; a trailing `_` (TABARI's "whole word") changes nothing, since every form
//! matches whole words. As in PETRARCH, a primary phrase that follows a record still without
//! codes joins that record. `#` and `;` end a line's content; `#`-lines, `<!-- -->` comments
//! (also over several lines) and blank lines are skipped; control characters are dropped.
//! Dates are `YYMMDD` (years ≤ 30 are 20xx) or `YYYYMMDD`.

/// A calendar date as the number `YYYYMMDD`, so that dates compare as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub u32);

impl Date {
    /// Parses an ISO date `YYYY-MM-DD` (anything after the tenth character is ignored).
    pub fn from_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Date::ymd(num(0..4)?, num(5..7)?, num(8..10)?)
    }

    /// Parses a dictionary date, `YYMMDD` or `YYYYMMDD`.
    pub fn from_dict(s: &str) -> Option<Date> {
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n: u32 = s.parse().ok()?;
        match s.len() {
            6 => {
                let yy = n / 10000;
                let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
                Date::ymd(year, n / 100 % 100, n % 100)
            }
            8 => Date::ymd(n / 10000, n / 100 % 100, n % 100),
            _ => None,
        }
    }

    fn ymd(y: u32, m: u32, d: u32) -> Option<Date> {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days)
            .contains(&d)
            .then_some(Date(y * 10000 + m * 100 + d))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        write!(f, "{:04}-{:02}-{:02}", n / 10000, n / 100 % 100, n % 100)
    }
}

/// A code and the dates it applies on (both `None`: undated, the fallback).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub code: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// 1-based line in its file.
    pub line: usize,
}

impl Window {
    /// True for an undated code.
    pub fn is_fallback(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when `date` lies in the window (inclusive); never for the fallback.
    pub fn contains(&self, date: Date) -> bool {
        !self.is_fallback()
            && self.from.is_none_or(|f| f <= date)
            && self.to.is_none_or(|t| date <= t)
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        match (self.from, self.to) {
            (None, None) => write!(f, "{} (undated)", self.code),
            _ => write!(f, "{} {}..{}", self.code, d(self.from), d(self.to)),
        }
    }
}

/// One surface form with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Words joined by single spaces, as written (PETRARCH files are upper case).
    pub text: String,
    pub line: usize,
}

/// One actor: its phrases (the first is the primary) and its codes in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub phrases: Vec<Phrase>,
    pub codes: Vec<Window>,
}

impl Record {
    /// The undated code, unless `[---]` (no code) was given.
    pub fn fallback(&self) -> Option<&str> {
        let w = self.codes.iter().rev().find(|w| w.is_fallback())?;
        (w.code != NULL_CODE).then_some(w.code.as_str())
    }

    /// The code standing for the actor without a date: the undated code, else the code of
    /// the latest window.
    pub fn main_code(&self) -> Option<&str> {
        let dated = self
            .codes
            .iter()
            .filter(|w| !w.is_fallback() && w.code != NULL_CODE);
        let latest = dated.max_by_key(|w| (w.to.is_none(), w.to, w.from));
        self.fallback().or(latest.map(|w| w.code.as_str()))
    }

    /// The code for a date: the first window holding it, else the fallback.
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        date.and_then(|d| self.codes.iter().find(|w| w.contains(d)))
            .map(|w| w.code.as_str())
            .or_else(|| self.fallback())
    }
}

/// PETRARCH's "no code" marker.
pub const NULL_CODE: &str = "---";

/// A problem found on a line. Errors drop what the line says; warnings keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub line: usize,
    pub error: bool,
    pub message: String,
}

/// A parsed file: its records and what was wrong with it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub records: Vec<Record>,
    pub issues: Vec<Issue>,
}

/// Parses a PETRARCH actor file. Never fails: bad lines become [`Issue`]s and are skipped.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut cur = Record::default();
    for (line, content) in content_lines(text, &mut p.issues) {
        if content.contains("---STOP---") {
            break;
        }
        let indented = content.starts_with([' ', '\t']);
        let body = content.trim();
        if indented && body.starts_with('[') {
            cur.codes.extend(codes(body, line, &mut p.issues));
            continue;
        }
        if indented {
            issue(
                &mut p.issues,
                line,
                false,
                "an indented phrase (read as a primary phrase)",
            );
        }
        let (synonym, body) = match body.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (phrase, rest) = body.split_at(body.find('[').unwrap_or(body.len()));
        if !synonym && !cur.codes.is_empty() {
            p.records.push(std::mem::take(&mut cur));
        }
        if synonym && cur.phrases.is_empty() {
            issue(
                &mut p.issues,
                line,
                true,
                "a `+` synonym before any primary phrase",
            );
            continue;
        }
        match normalize(phrase) {
            Some(text) => {
                if text.contains('+') {
                    issue(
                        &mut p.issues,
                        line,
                        false,
                        "`+` inside a phrase (two lines run together?)",
                    );
                }
                cur.phrases.push(Phrase { text, line });
                cur.codes.extend(codes(rest, line, &mut p.issues));
            }
            None => issue(&mut p.issues, line, true, "no phrase before the code"),
        }
    }
    if !cur.phrases.is_empty() {
        p.records.push(cur);
    }
    for r in &p.records {
        if r.codes.is_empty() {
            let line = r.phrases[0].line;
            issue(&mut p.issues, line, false, "an actor without any code");
        }
    }
    p.issues.sort_by_key(|i| i.line);
    p
}

fn issue(issues: &mut Vec<Issue>, line: usize, error: bool, message: &str) {
    issues.push(Issue {
        line,
        error,
        message: message.to_string(),
    });
}

/// The non-blank lines with comments removed, numbered from 1, control characters dropped.
pub(super) fn content_lines(text: &str, issues: &mut Vec<Issue>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let mut s: String = raw
            .chars()
            .filter(|&c| c == '\t' || !c.is_control())
            .collect();
        if s.len() != raw.len()
            && raw
                .chars()
                .any(|c| c != '\t' && c != '\r' && c.is_control())
        {
            issue(issues, line, false, "control character dropped");
        }
        if in_comment {
            match s.find("-->") {
                Some(end) => {
                    in_comment = false;
                    s = s[end + 3..].to_string();
                }
                None => continue,
            }
        }
        while let Some(start) = s.find("<!--") {
            match s[start..].find("-->") {
                Some(end) => s.replace_range(start..start + end + 3, ""),
                None => {
                    in_comment = true;
                    s.truncate(start);
                }
            }
        }
        if s.trim_start().starts_with('#') || s.trim_start().starts_with("<!") {
            continue;
        }
        if let Some(cut) = s.find(['#', ';']) {
            s.truncate(cut);
        }
        if !s.trim().is_empty() {
            out.push((line, s.trim_end().to_string()));
        }
    }
    out
}

/// `VLADIMIR_PUTIN_` → `VLADIMIR PUTIN`; `None` when nothing is left.
fn normalize(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The `[...]` groups of `s`; anything else on the line is an error.
fn codes(s: &str, line: usize, issues: &mut Vec<Issue>) -> Vec<Window> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            issue(
                issues,
                line,
                true,
                &format!("unexpected text '{rest}' (codes go in [brackets])"),
            );
            break;
        };
        let Some(close) = inner.find(']') else {
            issue(issues, line, true, "a code without its closing ']'");
            break;
        };
        match window(&inner[..close], line) {
            Ok(w) => out.push(w),
            Err(m) => issue(issues, line, true, &m),
        }
        rest = inner[close + 1..].trim_start();
    }
    out
}

/// `CODE`, `CODE FROM-TO`, `CODE >FROM` or `CODE <TO`.
fn window(s: &str, line: usize) -> Result<Window, String> {
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("an empty code []")?.to_string();
    let valid = code == NULL_CODE || code.bytes().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(format!(
            "'{code}' is not a code (letters and digits, or ---)"
        ));
    }
    let restriction: String = parts.collect::<Vec<_>>().join("");
    let date = |d: &str| {
        Date::from_dict(d).ok_or_else(|| format!("'{d}' is not a date (YYMMDD or YYYYMMDD)"))
    };
    let (from, to) = if restriction.is_empty() {
        (None, None)
    } else if let Some(d) = restriction.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some(d) = restriction.strip_prefix('<') {
        (None, Some(date(d)?))
    } else if let Some((a, b)) = restriction.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            return Err(format!("the window {a}..{b} ends before it starts"));
        }
        (Some(a), Some(b))
    } else {
        return Err(format!(
            "'{restriction}' is not a date restriction (A-B, >A or <B)"
        ));
    };
    Ok(Window {
        code,
        from,
        to,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# header\n\
<!-- one line -->\n\
UN_ [IGOUNO]\n\
U.N._\n\
UN_SECRETARY_GENERAL  # no code yet: joins the next codes\n\
+UNSG\n\
\t[IGOUNO]\n\
<!-- a comment\n\
   over lines -->\n\
VLADIMIR_PUTIN_\n\
+PUTIN_\n\
\t[RUSELI 700101-990809]\n\
\t[RUSGOV 991231-080507]\n\
\t[RUSGOV >080508]\n\
\t[RUSELI]\n\
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# trailing\n\
LIAMINE_Z\u{1a}ROUAL_ [DZAGOV]\n";

    #[test]
    fn reads_records_synonyms_and_comments() {
        let p = parse(SAMPLE);
        let phrases: Vec<Vec<&str>> = p
            .records
            .iter()
            .map(|r| r.phrases.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(
            phrases,
            [
                vec!["UN"],
                vec!["U.N.", "UN SECRETARY GENERAL", "UNSG"],
                vec!["VLADIMIR PUTIN", "PUTIN"],
                vec!["JAVIER DE CUELLAR"],
                vec!["LIAMINE ZROUAL"],
            ]
        );
        assert_eq!(p.records[2].phrases[1].line, 11);
        assert!(p.issues.iter().all(|i| !i.error), "{:?}", p.issues);
    }

    #[test]
    fn picks_the_window_holding_the_date_else_the_fallback() {
        let p = parse(SAMPLE);
        let putin = &p.records[2];
        let at = |iso: &str| putin.code_at(Date::from_iso(iso));
        assert_eq!(at("1995-01-01"), Some("RUSELI"));
        assert_eq!(
            at("1999-08-09"),
            Some("RUSELI"),
            "first window wins on a shared end"
        );
        assert_eq!(at("2003-05-01"), Some("RUSGOV"));
        assert_eq!(at("2008-05-07"), Some("RUSGOV"), "windows are inclusive");
        assert_eq!(at("2022-02-24"), Some("RUSGOV"));
        assert_eq!(at("1960-01-01"), Some("RUSELI"), "fallback");
        assert_eq!(putin.code_at(None), Some("RUSELI"));
    }

    #[test]
    fn two_digit_years_up_to_30_are_this_century() {
        assert_eq!(Date::from_dict("300101"), Some(Date(20300101)));
        assert_eq!(Date::from_dict("310101"), Some(Date(19310101)));
        assert_eq!(Date::from_dict("19390322"), Some(Date(19390322)));
        assert_eq!(Date::from_dict("2004017"), None);
        assert_eq!(Date::from_dict("990231"), None);
        assert_eq!(Date::from_iso("2008-05-08T10:00"), Some(Date(20080508)));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_numbers() {
        let p = parse("A_ [AAA]\n\t[BBB 2004017-20061201]\nC_ [CCC\n+\n\tjunk [X]\nD [X/Y]\n");
        let errors: Vec<usize> = p
            .issues
            .iter()
            .filter(|i| i.error)
            .map(|i| i.line)
            .collect();
        assert_eq!(errors, [2, 3, 4, 6], "{:?}", p.issues);
        assert_eq!(p.records[0].codes.len(), 1, "the bad window is dropped");
    }
}
