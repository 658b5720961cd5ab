//! The actor dictionary: canonical actors and their surface forms, filed in a trie of words
//! (dict/forms.rs) and matched on word boundaries, the longest form winning.
//!
//! Letter case: forms from the contract CSV match as written. PETRARCH files are written in
//! upper case, so their forms match by [`Case`]: phrases of two or more words in any case,
//! single words of four or more letters in any case but capitalized ("Putin", "PUTIN", not
//! "putin"), shorter words as written ("US" but not "us", "FSB"). When both kinds of form
//! are present, forms and text are compared in ASCII lower case and each hit is checked
//! against its form's rule.

use super::forms::FormIndex;
use super::petrarch::{Date, Window};
use crate::model::{Actor, ActorKind};
use anyhow::{Result, bail};
// foldhash: looked up per mention (see extract/mod.rs).
use foldhash::{HashMap, HashMapExt};

/// The entry index of a blocking phrase.
const BLOCKED: usize = usize::MAX;

/// A dictionary actor found in a text: byte span and entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// How a surface form must agree with the text's letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// As written.
    Exact,
    /// Any case, but starting with a capital letter.
    Capitalized,
    /// Any case.
    Any,
}

impl Case {
    /// The rule for a PETRARCH phrase (see the module documentation).
    pub fn for_petrarch(phrase: &str) -> Case {
        let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
        if phrase.contains(' ') {
            Case::Any
        } else if letters >= 4 {
            Case::Capitalized
        } else {
            Case::Exact
        }
    }
}

/// Where something was defined: file index (see [`ActorDict::files`]) and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: u32,
    pub line: u32,
}

/// A surface form of an actor.
#[derive(Debug, Clone)]
pub(super) struct Form {
    pub(super) text: String,
    pub(super) case: Case,
    pub(super) origin: Origin,
}

/// How a name resolves: the actor and the form that matched it, with its provenance.
#[derive(Debug, Clone)]
pub struct Resolution<'a> {
    pub entry: usize,
    /// The dictionary's form, as written there.
    pub form: &'a str,
    pub case: Case,
    pub file: &'a str,
    pub line: usize,
}

/// Compiled actor dictionary.
pub struct ActorDict {
    entries: Vec<Actor>,
    windows: Vec<Vec<Window>>,
    origins: Vec<Origin>,
    forms: Vec<Form>,
    pattern_entry: Vec<usize>,
    priority: Vec<u32>,
    index: FormIndex,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    by_form: HashMap<String, usize>,
    files: Vec<String>,
}

impl ActorDict {
    /// The actor of an entry.
    pub fn actor(&self, entry: usize) -> &Actor {
        &self.entries[entry]
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no actors.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of surface forms (blocking phrases included).
    pub fn forms(&self) -> usize {
        self.forms.len()
    }

    /// The dictionary files, in load order (built-ins first).
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The code of an entry on an article's date (ISO `YYYY-MM-DD`): the first dated code
    /// (PETRARCH `[RUSGOV 991231-080507]`) whose window holds the date, else the actor's
    /// undated code. Without a date, or for actors without dated codes, `actor(entry).code`.
    pub fn code_at(&self, entry: usize, date: Option<&str>) -> &str {
        date.and_then(Date::from_iso)
            .and_then(|d| self.windows[entry].iter().find(|w| w.contains(d)))
            .map_or(self.entries[entry].code.as_str(), |w| w.code.as_str())
    }

    /// The dated codes of an entry, in file order (empty for most actors).
    pub fn windows(&self, entry: usize) -> &[Window] {
        &self.windows[entry]
    }

    /// The file and line that last defined an entry.
    pub fn origin(&self, entry: usize) -> (&str, usize) {
        let o = self.origins[entry];
        (&self.files[o.file as usize], o.line as usize)
    }

    /// The entry whose canonical name, code or form is `name` (exact, then case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        if let Some(&e) = self.by_name.get(name).or_else(|| self.by_code.get(name)) {
            return Some(e);
        }
        let p = self
            .by_form
            .get(name)
            .or_else(|| self.by_form.get(&name.to_lowercase()))?;
        Some(self.pattern_entry[*p]).filter(|&e| e != BLOCKED)
    }

    /// How `name` resolves when it stands alone in a text: the form that matches all of it,
    /// else a canonical name or code. `None` when nothing does (or a blocking phrase wins).
    pub fn resolve(&self, name: &str) -> Option<Resolution<'_>> {
        let name = name.trim();
        let whole = self
            .hits(name)
            .into_iter()
            .find(|(h, _)| h.start == 0 && h.end == name.len());
        let (entry, origin, form, case) = match whole {
            Some((h, _)) if h.entry == BLOCKED => return None,
            Some((h, p)) => {
                let f = &self.forms[p];
                (h.entry, f.origin, f.text.as_str(), f.case)
            }
            None => {
                let e = self.lookup(name)?;
                (
                    e,
                    self.origins[e],
                    self.entries[e].name.as_str(),
                    Case::Exact,
                )
            }
        };
        Some(Resolution {
            entry,
            form,
            case,
            file: &self.files[origin.file as usize],
            line: origin.line as usize,
        })
    }

    /// All non-overlapping matches in `text`, longest first at each position, on word
    /// boundaries.
    pub fn find(&self, text: &str) -> Vec<ActorHit> {
        self.select(text, self.occurrences(text))
    }

    /// Non-overlapping hits with their pattern, blocking phrases included. At one span the
    /// form of the later file wins.
    fn hits(&self, text: &str) -> Vec<(ActorHit, usize)> {
        self.pick(text, self.occurrences(text))
    }

    /// Every whole-word occurrence of a form in `text`, as (start, end, pattern).
    fn occurrences(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut raw = Vec::new();
        self.index
            .each(text, |start, end, p| raw.push((start, end, p)));
        raw
    }

    /// The surface forms, in pattern order (for a search shared with other words).
    pub(crate) fn form_texts(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|f| f.text.as_str())
    }

    /// [`ActorDict::find`] from whole-word occurrences `(start, end, pattern)` of the forms
    /// in any ASCII case.
    pub(crate) fn select(&self, text: &str, raw: Vec<(usize, usize, usize)>) -> Vec<ActorHit> {
        let mut out = self.pick(text, raw);
        out.retain(|(h, _)| h.entry != BLOCKED);
        out.into_iter().map(|(h, _)| h).collect()
    }

    /// Of the occurrences whose case agrees with their form, the longest at each position,
    /// without overlaps, blocking phrases included.
    fn pick(&self, text: &str, raw: Vec<(usize, usize, usize)>) -> Vec<(ActorHit, usize)> {
        let mut hits: Vec<(ActorHit, usize)> = (raw.into_iter())
            .filter(|&(start, end, p)| self.case_ok(text, start, end, p))
            .map(|(start, end, p)| {
                let entry = self.pattern_entry[p];
                (ActorHit { start, end, entry }, p)
            })
            .collect();
        hits.sort_by_key(|(h, p)| {
            (
                h.start,
                std::cmp::Reverse(h.end),
                std::cmp::Reverse(self.priority[*p]),
            )
        });
        let mut out: Vec<(ActorHit, usize)> = Vec::with_capacity(hits.len());
        for (h, p) in hits {
            if out.last().is_none_or(|(last, _)| h.start >= last.end) {
                out.push((h, p));
            }
        }
        out
    }

    fn case_ok(&self, text: &str, start: usize, end: usize, p: usize) -> bool {
        let form = &self.forms[p];
        match form.case {
            Case::Exact => text[start..end] == form.text,
            Case::Capitalized => text[start..].chars().next().is_some_and(char::is_uppercase),
            Case::Any => true,
        }
    }
}

/// Collects dictionary rows from several files; later rows extend or override earlier ones.
#[derive(Default)]
pub struct ActorDictBuilder {
    pub(super) entries: Vec<Actor>,
    pub(super) forms: Vec<Vec<Form>>,
    pub(super) windows: Vec<Vec<Window>>,
    pub(super) origins: Vec<Origin>,
    pub(super) by_name: HashMap<String, usize>,
    pub(super) by_name_ci: HashMap<String, usize>,
    pub(super) by_code: HashMap<String, usize>,
    pub(super) files: Vec<String>,
    /// Entries made from PETRARCH records: their country is inferred at build time.
    pub(super) petrarch: Vec<usize>,
}

impl ActorDictBuilder {
    pub(super) fn file(&mut self, name: &str) -> u32 {
        self.files.push(name.to_string());
        (self.files.len() - 1) as u32
    }

    /// Adds a contract-format CSV (`name,code,type,country,aliases`); returns its row count.
    pub fn add_csv(&mut self, file: &str, bytes: &[u8]) -> Result<usize> {
        let fi = self.file(file);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader.headers()?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let (Some(ni), Some(ci)) = (col("name"), col("code")) else {
            bail!(
                "{file}:1: the header must name at least the columns name and code (name,code,type,country,aliases)"
            );
        };
        let (ti, yi, ai) = (col("type"), col("country"), col("aliases"));
        let mut rows = 0;
        for (i, rec) in reader.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| anyhow::anyhow!("{file}:{line}: malformed CSV row: {e}"))?;
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            let (name, code) = (get(Some(ni)), get(Some(ci)));
            if name.is_empty() || code.is_empty() {
                bail!("{file}:{line}: every row needs a name and a code");
            }
            let kind = match get(ti) {
                "" => ActorKind::Organization,
                t => ActorKind::parse(t).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{file}:{line}: type '{t}' is not one of state, organization, person, group"
                    )
                })?,
            };
            let country = Some(get(yi).to_string()).filter(|c| !c.is_empty());
            let origin = Origin {
                file: fi,
                line: line as u32,
            };
            let aliases = get(ai).split('|').map(str::trim).filter(|a| !a.is_empty());
            let aliases = aliases.map(|a| Form {
                text: a.to_string(),
                case: Case::Exact,
                origin,
            });
            let actor = Actor {
                name: name.into(),
                code: code.into(),
                kind,
                country,
            };
            self.upsert(actor, aliases.collect(), origin);
            rows += 1;
        }
        Ok(rows)
    }

    fn upsert(&mut self, actor: Actor, forms: Vec<Form>, origin: Origin) {
        let existing = self.by_name.get(&actor.name).copied().or_else(|| {
            // People share their state's code, so a code only identifies non-people.
            (actor.kind != ActorKind::Person)
                .then(|| self.by_code.get(&actor.code).copied())
                .flatten()
                .filter(|&e| self.entries[e].kind == actor.kind)
        });
        match existing {
            Some(e) => {
                // The replaced name stays a surface form of the actor.
                let old = std::mem::replace(&mut self.entries[e], actor);
                self.by_name.insert(self.entries[e].name.clone(), e);
                self.by_name_ci
                    .insert(self.entries[e].name.to_lowercase(), e);
                let old_origin = std::mem::replace(&mut self.origins[e], origin);
                self.forms[e].push(Form {
                    text: old.name,
                    case: Case::Exact,
                    origin: old_origin,
                });
                self.forms[e].extend(forms);
                // A CSV row fixes the code: dated codes of an earlier PETRARCH file no longer hold.
                self.windows[e].clear();
            }
            None => {
                let e = self.push(actor, origin);
                self.forms[e] = forms;
            }
        }
    }

    pub(super) fn push(&mut self, actor: Actor, origin: Origin) -> usize {
        let e = self.entries.len();
        self.by_name.insert(actor.name.clone(), e);
        self.by_name_ci.insert(actor.name.to_lowercase(), e);
        if actor.kind != ActorKind::Person {
            self.by_code.entry(actor.code.clone()).or_insert(e);
        }
        self.entries.push(actor);
        self.forms.push(Vec::new());
        self.windows.push(Vec::new());
        self.origins.push(origin);
        e
    }

    /// Files every name and alias for matching; `blockers` are phrases that are not
    /// actors but contain an alias ("West Bank"): they win as longer matches and yield nothing.
    pub fn build_with(mut self, blockers: &[String]) -> Result<ActorDict> {
        self.infer_countries();
        let mut forms: Vec<Form> = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut priority = Vec::new();
        let mut seen: HashMap<(String, Case), usize> = HashMap::new();
        let blocker_forms = blockers.iter().map(|b| Form {
            text: b.clone(),
            case: Case::Exact,
            origin: Origin::default(),
        });
        let entry_forms = self.entries.iter().enumerate().flat_map(|(e, actor)| {
            let name = Form {
                text: actor.name.clone(),
                case: Case::Exact,
                origin: self.origins[e],
            };
            std::iter::once((e, name)).chain(self.forms[e].iter().map(move |f| (e, f.clone())))
        });
        let all = blocker_forms.map(|f| (BLOCKED, f)).chain(entry_forms);
        for (e, form) in all {
            let key = match form.case {
                Case::Exact => (form.text.clone(), Case::Exact),
                c => (form.text.to_lowercase(), c),
            };
            let rank = if e == BLOCKED {
                u32::MAX
            } else {
                form.origin.file
            };
            if let Some(&p) = seen.get(&key) {
                // A later file's form wins over an earlier one; blockers always win.
                if pattern_entry[p] != BLOCKED && rank >= priority[p] {
                    pattern_entry[p] = e;
                    priority[p] = rank;
                    forms[p].origin = form.origin;
                }
                continue;
            }
            seen.insert(key, forms.len());
            forms.push(form);
            pattern_entry.push(e);
            priority.push(rank);
        }
        let folded = forms.iter().any(|f| f.case != Case::Exact);
        let index = FormIndex::new(forms.iter().map(|f| f.text.as_str()), folded);
        let mut by_form = HashMap::new();
        for (p, f) in forms.iter().enumerate() {
            by_form.entry(f.text.clone()).or_insert(p);
            by_form.entry(f.text.to_lowercase()).or_insert(p);
        }
        Ok(ActorDict {
            entries: self.entries,
            windows: self.windows,
            origins: self.origins,
            forms,
            pattern_entry,
            priority,
            index,
            by_name: self.by_name,
            by_code: self.by_code,
            by_form,
            files: self.files,
        })
    }

    /// A PETRARCH actor belongs to the state whose code begins its own (`RUSGOV` → `RUS`).
    fn infer_countries(&mut self) {
        for &e in &self.petrarch {
            let code = &self.entries[e].code;
            let state = code.get(..3).and_then(|c| self.by_code.get(c)).copied();
            let country = state
                .filter(|&s| self.entries[s].kind == ActorKind::State)
                .map(|s| self.entries[s].code.clone());
            self.entries[e].country = country;
        }
    }

    /// Compiles without blockers.
    #[cfg(test)]
    pub fn build(self) -> Result<ActorDict> {
        self.build_with(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(csv: &str) -> ActorDict {
        let mut b = ActorDictBuilder::default();
        b.add_csv("t.csv", csv.as_bytes()).unwrap();
        b.build().unwrap()
    }

    #[test]
    fn longest_alias_wins_on_word_boundaries() {
        let d = dict(
            "name,code,type,country,aliases\nUnited States,USA,state,USA,US|U.S.|ASV\nRussia,RUS,state,RUS,Russian|Russian Federation\n",
        );
        let text = "The Russian Federation and ASV met; USAID and Russians did not.";
        let hits: Vec<_> = d.find(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(hits, ["Russian Federation", "ASV"]);
    }

    #[test]
    fn blockers_shadow_aliases_inside_longer_phrases() {
        let mut b = ActorDictBuilder::default();
        b.add_csv(
            "t",
            b"name,code,type,country,aliases\nWest,WST,organization,,Western countries\n",
        )
        .unwrap();
        let d = b.build_with(&["West Bank".to_string()]).unwrap();
        let text = "the West and the West Bank";
        let hits: Vec<_> = d.find(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(hits, ["West"]);
    }

    #[test]
    fn user_rows_extend_builtin_by_name_or_code() {
        let mut b = ActorDictBuilder::default();
        b.add_csv(
            "a",
            b"name,code,type,country,aliases\nRussia,RUS,state,RUS,Moscow\n",
        )
        .unwrap();
        b.add_csv(
            "b",
            b"name,code,type,country,aliases\nRussian Federation,RUS,state,RUS,Krievija\n",
        )
        .unwrap();
        let d = b.build().unwrap();
        assert_eq!(d.len(), 1);
        let hits = d.find("Krievija and Moscow");
        assert_eq!(hits.len(), 2);
        assert_eq!(d.actor(hits[0].entry).name, "Russian Federation");
    }

    #[test]
    fn bad_type_names_the_line() {
        let mut b = ActorDictBuilder::default();
        let err = b
            .add_csv("x.csv", b"name,code,type\nA,A,state\nB,B,planet\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("x.csv:3:"), "{err}");
    }
}
