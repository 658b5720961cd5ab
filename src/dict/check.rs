//! `dict check`: a dictionary file's syntax errors, duplicate entries and conflicting codes,
//! each with its line number.

use super::petrarch::{self, Issue};
use super::{Format, Input, Kind, agents, lexicon};
use crate::model::ActorKind;
use std::collections::HashMap;

/// What `check` found in one file.
#[derive(Debug)]
pub struct Report {
    pub kind: Kind,
    pub format: Format,
    /// Rows, records or phrases read.
    pub entries: usize,
    /// Every problem, by line.
    pub issues: Vec<Issue>,
}

impl Report {
    /// The number of errors (lines a load skips or refuses).
    pub fn errors(&self) -> usize {
        self.issues.iter().filter(|i| i.error).count()
    }
}

/// The kind a file most likely is: relations when a CSV names a `phrase` column, agents when
/// most bracketed codes of a PETRARCH file carry a `~`, actors otherwise.
pub fn guess_kind(input: &Input, format: Format) -> Kind {
    let text = String::from_utf8_lossy(&input.bytes);
    if format == Format::Csv {
        let header = text.lines().next().unwrap_or("").to_lowercase();
        return match header.split(',').any(|c| c.trim() == "phrase") {
            true => Kind::Relations,
            false => Kind::Actors,
        };
    }
    let codes = text.matches('[').count();
    let agent_codes = text.matches("[~").count() + text.matches("~]").count();
    if agent_codes * 2 > codes {
        Kind::Agents
    } else {
        Kind::Actors
    }
}

/// Checks one file as `kind`.
pub fn check(input: &Input, kind: Kind) -> Report {
    let format = Format::detect(&input.name, &input.bytes);
    let text = String::from_utf8_lossy(&input.bytes);
    let (entries, mut issues) = match (kind, format) {
        (Kind::Actors, Format::Csv) => actors_csv(&text),
        (Kind::Actors, _) => actors_petrarch(&text),
        (Kind::Agents, _) => agents_file(&text),
        (Kind::Relations, _) => relations(&text),
    };
    issues.sort_by_key(|i| (i.line, !i.error));
    Report {
        kind,
        format,
        entries,
        issues,
    }
}

fn warn(line: usize, message: String) -> Issue {
    Issue {
        line,
        error: false,
        message,
    }
}

fn error(line: usize, message: String) -> Issue {
    Issue {
        line,
        error: true,
        message,
    }
}

/// Remembers each phrase's first line and code; reports later repeats.
#[derive(Default)]
struct Seen(HashMap<String, (usize, String)>);

impl Seen {
    fn note(&mut self, phrase: &str, line: usize, code: &str, issues: &mut Vec<Issue>) {
        let key = phrase.to_lowercase();
        match self.0.get(&key) {
            None => drop(self.0.insert(key, (line, code.to_string()))),
            Some((first, c)) if c == code => {
                issues.push(warn(line, format!("'{phrase}' duplicates line {first}")));
            }
            Some((first, c)) => issues.push(warn(
                line,
                format!("conflicting codes: '{phrase}' is {code} here but {c} on line {first} (the later line wins)"),
            )),
        }
    }
}

fn actors_petrarch(text: &str) -> (usize, Vec<Issue>) {
    let parsed = petrarch::parse(text);
    let mut issues = parsed.issues;
    let mut seen = Seen::default();
    for r in &parsed.records {
        let code = r.main_code().unwrap_or("");
        for p in &r.phrases {
            seen.note(&p.text, p.line, code, &mut issues);
        }
    }
    (parsed.records.len(), issues)
}

fn agents_file(text: &str) -> (usize, Vec<Issue>) {
    let (pairs, mut issues) = agents::parse(text, 0);
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for (phrase, a) in &pairs {
        let code = if a.prefix {
            format!("{}~", a.code)
        } else {
            format!("~{}", a.code)
        };
        match seen.get(&phrase.to_lowercase()) {
            // Generated plurals repeat explicit entries often; only different codes matter.
            Some((first, c)) if *c != code => issues.push(warn(
                a.line,
                format!("conflicting codes: '{phrase}' is {code} here but {c} on line {first}"),
            )),
            Some(_) => {}
            None => drop(seen.insert(phrase.to_lowercase(), (a.line, code))),
        }
    }
    (pairs.len(), issues)
}

fn actors_csv(text: &str) -> (usize, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        return (0, vec![error(1, "no CSV header".into())]);
    };
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let (Some(ni), Some(ci)) = (col("name"), col("code")) else {
        let m = "the header must name at least the columns name and code".into();
        return (0, vec![error(1, m)]);
    };
    let (ti, ai) = (col("type"), col("aliases"));
    let mut seen = Seen::default();
    let mut rows = 0;
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(rec) = rec else {
            issues.push(error(line, "malformed CSV row".into()));
            continue;
        };
        rows += 1;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let (name, code, kind) = (get(Some(ni)), get(Some(ci)), get(ti));
        if name.is_empty() || code.is_empty() {
            issues.push(error(line, "every row needs a name and a code".into()));
            continue;
        }
        if !kind.is_empty() && ActorKind::parse(kind).is_none() {
            let m = format!("type '{kind}' is not one of state, organization, person, group");
            issues.push(error(line, m));
        }
        let aliases = get(ai).split('|').map(str::trim).filter(|a| !a.is_empty());
        for form in std::iter::once(name).chain(aliases) {
            seen.note(form, line, code, &mut issues);
        }
    }
    (rows, issues)
}

fn relations(text: &str) -> (usize, Vec<Issue>) {
    match lexicon::triggers(text) {
        Err(e) => {
            let msg = e.to_string();
            let line = msg
                .strip_prefix("line ")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            (0, vec![error(line, msg)])
        }
        Ok(pairs) => {
            let mut issues = Vec::new();
            let mut seen = Seen::default();
            for (phrase, t) in &pairs {
                seen.note(phrase, t.line, t.relation.name(), &mut issues);
            }
            (pairs.len(), issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str) -> Input {
        Input {
            name: name.into(),
            kind: Kind::Actors,
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reports_malformed_lines_duplicates_and_conflicts() {
        let i = input(
            "a.txt",
            "A_ [AAA]\n+B_\nB_ [BBB]\nC_ [CCC 990101-]\nA_ [AAA]\n",
        );
        let r = check(&i, guess_kind(&i, Format::Petrarch));
        assert_eq!(r.kind, Kind::Actors);
        let got: Vec<(usize, bool)> = r.issues.iter().map(|i| (i.line, i.error)).collect();
        assert_eq!(got, [(3, false), (4, true), (5, false)], "{:?}", r.issues);
        assert!(
            r.issues[0].message.contains("conflicting codes"),
            "{:?}",
            r.issues
        );
        assert_eq!(r.errors(), 1);
    }

    #[test]
    fn csv_rows_are_checked_too() {
        let i = input(
            "a.csv",
            "name,code,type,aliases\nA,AAA,state,X\nB,,state,\nC,CCC,planet,X\n",
        );
        let r = check(&i, guess_kind(&i, Format::Csv));
        let got: Vec<(usize, bool)> = r.issues.iter().map(|i| (i.line, i.error)).collect();
        assert_eq!(got, [(3, true), (4, true), (4, false)], "{:?}", r.issues);
    }
}
