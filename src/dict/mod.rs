//! Dictionaries: actors (with aliases), relation triggers, role titles and grammatical cues.
//!
//! The built-in files under `data/` are embedded at build time; users merge their own over
//! them (`--actors`). Each dictionary compiles once into one Aho-Corasick automaton, so
//! matching costs one pass over a sentence whatever the number of entries.

mod actors;
mod lexicon;

pub use actors::{ActorDict, ActorHit};
pub use lexicon::{Cue, CueKind, Form, Lexicon, Role, Roles, Trigger, WordHit, WordMatcher};

use anyhow::{Context, Result};
use std::path::Path;

pub(crate) const BUILTIN_ACTORS: &str = include_str!("../../data/actors.csv");
pub(crate) const BUILTIN_PEOPLE: &str = include_str!("../../data/people.csv");
pub(crate) const BUILTIN_RELATIONS: &str = include_str!("../../data/relations.csv");
pub(crate) const BUILTIN_ROLES: &str = include_str!("../../data/roles.csv");
pub(crate) const BUILTIN_CUES: &str = include_str!("../../data/cues.csv");
pub(crate) const BUILTIN_NOT_ACTORS: &str = include_str!("../../data/not_actors.csv");

/// Every dictionary extraction needs, compiled and ready to match.
pub struct Dictionaries {
    pub actors: ActorDict,
    pub lexicon: Lexicon,
    pub roles: Roles,
    pub cues: WordMatcher<Cue>,
    /// One line per source file in force, for provenance (`name entries fingerprint`).
    pub sources: Vec<String>,
}

impl Dictionaries {
    /// The built-in dictionaries only.
    pub fn builtin() -> Result<Dictionaries> {
        Dictionaries::load(&[])
    }

    /// The built-in dictionaries with user actor files merged over them, in order.
    pub fn load(actor_files: &[std::path::PathBuf]) -> Result<Dictionaries> {
        let mut builder = actors::ActorDictBuilder::default();
        let mut sources = Vec::new();
        for (name, text) in [
            ("builtin:actors.csv", BUILTIN_ACTORS),
            ("builtin:people.csv", BUILTIN_PEOPLE),
        ] {
            let n = builder.add_csv(name, text.as_bytes())?;
            sources.push(source_line(name, n, text.as_bytes()));
        }
        for path in actor_files {
            let bytes = std::fs::read(path)
                .with_context(|| format!("{}: cannot read actor dictionary", path.display()))?;
            let name = path.display().to_string();
            let n = builder.add_csv(&name, &bytes)?;
            sources.push(source_line(&name, n, &bytes));
        }
        Ok(Dictionaries {
            actors: builder.build_with(&not_actors())?,
            lexicon: Lexicon::parse(BUILTIN_RELATIONS).context("data/relations.csv")?,
            roles: Roles::parse(BUILTIN_ROLES).context("data/roles.csv")?,
            cues: lexicon::parse_cues(BUILTIN_CUES).context("data/cues.csv")?,
            sources,
        })
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

fn source_line(name: &str, entries: usize, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("{name}\t{entries}\t{}", &hash[..16])
}

/// True when `path` looks like a CSV file (the contract's dictionary format).
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}
