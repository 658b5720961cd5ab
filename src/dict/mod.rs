//! Dictionaries: actors (with aliases and dated codes), agent words, relation triggers, role
//! titles and grammatical cues.
//!
//! The built-in files under `data/` are embedded at build time; users merge their own over
//! them: `--actors` (contract CSV or PETRARCH actor files), `--agents` (PETRARCH agent files),
//! `--relations` (trigger CSV). The actor forms and the sentence lexicons' phrases are filed
//! in one trie of words (`forms`, `words`), so matching costs one pass over a sentence
//! whatever the number of entries.

mod actors;
mod agents;
pub mod check;
mod forms;
mod lexicon;
mod merge;
pub mod petrarch;
mod words;

pub use actors::{ActorDict, ActorHit, Case, Origin, Resolution};
pub use agents::{Agent, Agents};
pub use lexicon::{Cue, CueKind, Form, Lexicon, Role, Roles, Trigger, WordHit, WordMatcher};
pub use merge::pretty_name;
pub use petrarch::{Date, Issue, Window};
pub use words::{SentenceWords, WordHits};

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

pub(crate) const BUILTIN_ACTORS: &str = include_str!("../../data/actors.csv");
pub(crate) const BUILTIN_PEOPLE: &str = include_str!("../../data/people.csv");
pub(crate) const BUILTIN_RELATIONS: &str = include_str!("../../data/relations.csv");
pub(crate) const BUILTIN_ROLES: &str = include_str!("../../data/roles.csv");
pub(crate) const BUILTIN_CUES: &str = include_str!("../../data/cues.csv");
pub(crate) const BUILTIN_CROWDS: &str = include_str!("../../data/crowds.csv");
pub(crate) const BUILTIN_ANAPHORS: &str = include_str!("../../data/anaphors.csv");
pub(crate) const BUILTIN_NOT_ACTORS: &str = include_str!("../../data/not_actors.csv");

/// What a dictionary file gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Actors,
    Agents,
    Relations,
}

impl Kind {
    /// `actors`, `agents` or `relations`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Relations => "relations",
        }
    }

    /// The inverse of [`Kind::as_str`].
    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Actors, Kind::Agents, Kind::Relations]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The syntax of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Embedded in the binary (`data/*.csv`).
    Builtin,
    /// A CSV with a header.
    Csv,
    /// The PETRARCH/TABARI text format.
    Petrarch,
}

impl Format {
    /// `builtin`, `csv` or `petrarch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Builtin => "builtin",
            Format::Csv => "csv",
            Format::Petrarch => "petrarch",
        }
    }

    /// CSV when the name ends in `.csv` or the first line is a header naming `name` and
    /// `code` (or `phrase`); PETRARCH otherwise.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let first = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
        let first = String::from_utf8_lossy(first).to_lowercase();
        let cols: Vec<&str> = first.split(',').map(str::trim).collect();
        let header = cols.contains(&"phrase") || cols.contains(&"name") && cols.contains(&"code");
        if is_csv(Path::new(name)) || header {
            Format::Csv
        } else {
            Format::Petrarch
        }
    }
}

/// A user dictionary file to load: its name (the path as given), kind and bytes.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

impl Input {
    /// Reads a file.
    pub fn read(path: &Path, kind: Kind) -> Result<Input> {
        let bytes = std::fs::read(path).with_context(|| {
            format!(
                "{}: cannot read {} dictionary",
                path.display(),
                kind.as_str()
            )
        })?;
        Ok(Input {
            name: path.display().to_string(),
            kind,
            bytes,
        })
    }

    /// The fingerprint recorded in the database: the first 16 hex digits of its blake3 hash.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.bytes)
    }
}

/// A dictionary file in force, for provenance (`dict list`) and warnings.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub kind: Kind,
    pub format: Format,
    /// Rows, records or phrases read from it.
    pub entries: usize,
    pub fingerprint: String,
    /// Problems of its lines; lines with errors were skipped.
    pub issues: Vec<Issue>,
}

/// Every dictionary extraction needs, compiled and ready to match.
pub struct Dictionaries {
    pub actors: ActorDict,
    pub lexicon: Lexicon,
    pub roles: Roles,
    pub cues: WordMatcher<Cue>,
    /// Words for unnamed crowds ("protesters"), which act as a group of their state.
    pub crowds: WordMatcher<()>,
    /// Descriptions that refer back to the last actor of a kind ("the bloc", "the militants").
    pub anaphors: WordMatcher<crate::model::ActorKind>,
    /// Agent words from `--agents` files (empty by default).
    pub agents: Agents,
    /// The sentence lexicons above (relations, roles, cues, crowds, descriptions) and the
    /// actor forms, searched together.
    pub words: SentenceWords,
    /// One line per source file in force, for provenance (`name entries fingerprint`).
    pub sources: Vec<String>,
    /// The source files in force, built-ins first, in merge order.
    pub files: Vec<Source>,
}

impl Dictionaries {
    /// The built-in dictionaries only.
    pub fn builtin() -> Result<Dictionaries> {
        Dictionaries::from_inputs(&[])
    }

    /// The built-in dictionaries with user actor files merged over them, in order.
    pub fn load(actor_files: &[PathBuf]) -> Result<Dictionaries> {
        let inputs: Result<Vec<Input>> = actor_files
            .iter()
            .map(|p| Input::read(p, Kind::Actors))
            .collect();
        Dictionaries::from_inputs(&inputs?)
    }

    /// The built-in dictionaries with user files merged over them, each kind in order.
    pub fn from_inputs(inputs: &[Input]) -> Result<Dictionaries> {
        let roles = Roles::parse(BUILTIN_ROLES).context("data/roles.csv")?;
        // The actor dictionary and the lexicons are independent: every extracting command
        // starts with both.
        let (named, words) = rayon::join(
            || -> Result<_> {
                let mut files = Vec::new();
                let actors = load_actors(inputs, &roles, &mut files)?;
                let (agents, agent_sources) = load_agents(inputs)?;
                files.extend(agent_sources);
                Ok((actors, agents, files))
            },
            || Lexicons::load(inputs),
        );
        let ((actors, agents, mut files), lex) = (named?, words?);
        files.extend(lex.relation_files);
        let words = SentenceWords::new(
            [
                lex.lexicon.phrases(),
                roles.phrases(),
                lex.cues.phrases(),
                lex.crowds.phrases(),
                lex.anaphors.phrases(),
            ],
            actors.form_texts(),
        );
        let sources = files
            .iter()
            .map(|s| format!("{}\t{}\t{}", s.name, s.entries, s.fingerprint))
            .collect();
        Ok(Dictionaries {
            actors,
            lexicon: lex.lexicon,
            roles,
            cues: lex.cues,
            crowds: lex.crowds,
            anaphors: lex.anaphors,
            agents,
            words,
            sources,
            files,
        })
    }
}

/// The relation lexicon (built in, then the user's files) and the word lists.
struct Lexicons {
    lexicon: Lexicon,
    cues: WordMatcher<Cue>,
    crowds: WordMatcher<()>,
    anaphors: WordMatcher<crate::model::ActorKind>,
    /// The relation files in force, built-in first.
    relation_files: Vec<Source>,
}

impl Lexicons {
    fn load(inputs: &[Input]) -> Result<Lexicons> {
        let n = lexicon::triggers(BUILTIN_RELATIONS)?.len();
        let mut relation_files = vec![Source::builtin(
            "builtin:relations.csv",
            Kind::Relations,
            n,
            BUILTIN_RELATIONS,
        )];
        let mut user_relations = Vec::new();
        for i in inputs.iter().filter(|i| i.kind == Kind::Relations) {
            let text = utf8(i)?;
            let n = lexicon::triggers(&text).map_err(|e| anyhow::anyhow!("{}: {e}", i.name))?;
            relation_files.push(Source::user(i, Format::Csv, n.len(), Vec::new()));
            user_relations.push((i.name.clone(), text));
        }
        let lexicon = Lexicon::parse_merged(BUILTIN_RELATIONS, &user_relations)
            .context("data/relations.csv")?;
        let cues = lexicon::parse_cues(BUILTIN_CUES).context("data/cues.csv")?;
        let crowds = lexicon::parse_words(BUILTIN_CROWDS).context("data/crowds.csv")?;
        let anaphors = lexicon::parse_kinds(BUILTIN_ANAPHORS).context("data/anaphors.csv")?;
        Ok(Lexicons {
            lexicon,
            cues,
            crowds,
            anaphors,
            relation_files,
        })
    }
}

impl Source {
    fn builtin(name: &str, kind: Kind, entries: usize, text: &str) -> Source {
        Source {
            name: name.to_string(),
            kind,
            format: Format::Builtin,
            entries,
            fingerprint: fingerprint(text.as_bytes()),
            issues: Vec::new(),
        }
    }

    fn user(input: &Input, format: Format, entries: usize, issues: Vec<Issue>) -> Source {
        Source {
            name: input.name.clone(),
            kind: input.kind,
            format,
            entries,
            fingerprint: input.fingerprint(),
            issues,
        }
    }
}

fn load_actors(inputs: &[Input], roles: &Roles, files: &mut Vec<Source>) -> Result<ActorDict> {
    let mut builder = actors::ActorDictBuilder::default();
    for (name, text) in [
        ("builtin:actors.csv", BUILTIN_ACTORS),
        ("builtin:people.csv", BUILTIN_PEOPLE),
    ] {
        let n = builder.add_csv(name, text.as_bytes())?;
        files.push(Source::builtin(name, Kind::Actors, n, text));
    }
    for input in inputs.iter().filter(|i| i.kind == Kind::Actors) {
        let format = Format::detect(&input.name, &input.bytes);
        let (n, issues) = match format {
            Format::Csv => (builder.add_csv(&input.name, &input.bytes)?, Vec::new()),
            _ => builder.add_petrarch(&input.name, &String::from_utf8_lossy(&input.bytes), roles),
        };
        files.push(Source::user(input, format, n, issues));
    }
    builder.build_with(&not_actors())
}

fn load_agents(inputs: &[Input]) -> Result<(Agents, Vec<Source>)> {
    let agent_inputs: Vec<&Input> = inputs.iter().filter(|i| i.kind == Kind::Agents).collect();
    let texts: Vec<(String, String)> = agent_inputs
        .iter()
        .map(|i| {
            (
                i.name.clone(),
                String::from_utf8_lossy(&i.bytes).into_owned(),
            )
        })
        .collect();
    let (agents, issues) = Agents::load(&texts)?;
    let sources = agent_inputs
        .iter()
        .zip(issues)
        .zip(&texts)
        .map(|((i, issues), (_, text))| {
            let n = agents::parse(text, 0).0.len();
            Source::user(i, Format::Petrarch, n, issues)
        })
        .collect();
    Ok((agents, sources))
}

fn utf8(input: &Input) -> Result<String> {
    match String::from_utf8(input.bytes.clone()) {
        Ok(s) => Ok(s),
        Err(_) => bail!("{}: not UTF-8 text: save it as UTF-8", input.name),
    }
}

/// The phrases of `data/not_actors.csv`.
fn not_actors() -> Vec<String> {
    BUILTIN_NOT_ACTORS
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn fingerprint(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

/// True when `path` looks like a CSV file (the contract's dictionary format).
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}
