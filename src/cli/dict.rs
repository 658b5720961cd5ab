//! `actorgraph dict list|show|check`, and the loading of user dictionaries for the commands
//! that extract: files read, compiled, warned about and recorded in the database.

use super::Outcome;
use crate::dict::{Case, Dictionaries, Format, Input, Kind, check};
use crate::store;
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, params};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Inspect dictionaries: what is in force, how a name resolves, whether a file is sound.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph dict list\n  actorgraph dict show Putin --date 2005-06-01 --actors Phoenix.Countries.actors.txt\n  actorgraph dict show Russian --near troops --agents Phoenix.agents.txt\n  actorgraph dict check my_actors.txt"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

/// The `dict` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// The dictionaries the last ingest or rebuild used (the built-ins without a database).
    List,
    /// How a name resolves: actor, code on a date, the file and line it came from.
    Show(ShowArgs),
    /// Report a file's syntax errors, duplicate entries and conflicting codes by line; exit 1
    /// when it has errors.
    Check(CheckArgs),
}

/// Arguments of `dict show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The name as it would appear in a text ("Putin", "the Kremlin", "RUS").
    pub name: String,
    /// The article date (YYYY-MM-DD) that picks among dated codes.
    #[arg(long)]
    pub date: Option<String>,
    /// Words next to the name, to show the code an agent word makes of it ("troops").
    #[arg(long)]
    pub near: Option<String>,
    #[command(flatten)]
    pub dicts: Flags,
}

/// Arguments of `dict check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dictionary file.
    pub file: PathBuf,
    /// What the file holds (guessed from its content by default).
    #[arg(long, value_parser = ["actors", "agents", "relations"])]
    pub kind: Option<String>,
}

/// The dictionary flags (without any, `show` uses the database's dictionaries in force).
#[derive(Debug, Default, clap::Args)]
pub struct Flags {
    /// An actor dictionary: contract CSV or PETRARCH actor file (repeatable).
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// A PETRARCH agent file (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// A relation trigger CSV: phrase,relation[,notes] (repeatable).
    #[arg(long = "relations", value_name = "FILE.csv")]
    pub relations: Vec<PathBuf>,
}

/// Runs `dict`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    match args.command {
        Sub::List => list(db),
        Sub::Show(a) => show(a, db),
        Sub::Check(a) => check_file(a),
    }
}

/// Reads the user files the flags name.
pub fn inputs(flags: &Flags) -> Result<Vec<Input>> {
    let kinds = [
        (&flags.actors, Kind::Actors),
        (&flags.agents, Kind::Agents),
        (&flags.relations, Kind::Relations),
    ];
    kinds
        .iter()
        .flat_map(|(paths, kind)| paths.iter().map(move |p| Input::read(p, *kind)))
        .collect()
}

/// Compiles the built-ins with `inputs` merged over them; warns once per file with bad lines.
pub fn compile(inputs: &[Input]) -> Result<Dictionaries> {
    let dicts = Dictionaries::from_inputs(inputs)?;
    for s in &dicts.files {
        let errors: Vec<_> = s.issues.iter().filter(|i| i.error).collect();
        if let Some(first) = errors.first() {
            eprintln!(
                "actorgraph: {}: {} malformed line(s) skipped (line {}: {}); `actorgraph dict check {}` lists them",
                s.name,
                errors.len(),
                first.line,
                first.message,
                s.name
            );
        }
    }
    Ok(dicts)
}

/// For `ingest` and `load`: compiles the flags' dictionaries while the database opens (or is
/// created), and records them there as the set in force.
///
/// Both take milliseconds to tens of them and need nothing from each other, so they run side
/// by side (a one-article ingest into a new database: 71-77 ms before, 64-67 ms after).
pub fn load_for_ingest(db: &Path, flags: &Flags) -> Result<(Dictionaries, Connection)> {
    let inputs = inputs(flags)?;
    let (dicts, conn) = rayon::join(|| compile(&inputs), || store::open(db));
    // A dictionary error is reported first, as if the database had not been touched.
    let (dicts, conn) = (dicts?, conn?);
    record(&conn, &dicts, &inputs)?;
    Ok((dicts, conn))
}

/// For `rebuild`: the flags' dictionaries when given, else the set the last run recorded
/// (`builtin`: the built-ins only); records what it uses.
pub fn load_for_rebuild(db: &Path, flags: &Flags, builtin: bool) -> Result<Dictionaries> {
    let conn = store::open(db)?;
    let none = flags.actors.is_empty() && flags.agents.is_empty() && flags.relations.is_empty();
    let inputs = if none && !builtin {
        recorded(&conn)?
    } else {
        inputs(flags)?
    };
    let dicts = compile(&inputs)?;
    record(&conn, &dicts, &inputs)?;
    Ok(dicts)
}

/// Stores each file (content included) and marks this set as the one in force.
fn record(conn: &Connection, dicts: &Dictionaries, inputs: &[Input]) -> Result<()> {
    store::write_transaction(conn, |tx| record_in(tx, dicts, inputs))
}

fn record_in(tx: &Connection, dicts: &Dictionaries, inputs: &[Input]) -> Result<()> {
    tx.execute("DELETE FROM dictionaries_in_force", [])?;
    for (pos, s) in dicts.files.iter().enumerate() {
        let content = inputs
            .iter()
            .find(|i| i.name == s.name && i.kind == s.kind)
            .map(|i| i.bytes.as_slice());
        tx.execute(
            "INSERT INTO dictionaries (name, entries, fingerprint, kind, format, content)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (name, fingerprint) DO UPDATE SET entries = excluded.entries,
               kind = excluded.kind, format = excluded.format,
               content = coalesce(excluded.content, content)",
            params![
                s.name,
                s.entries as i64,
                s.fingerprint,
                s.kind.as_str(),
                s.format.as_str(),
                content
            ],
        )?;
        let id: i64 = tx.query_row(
            "SELECT id FROM dictionaries WHERE name = ?1 AND fingerprint = ?2",
            params![s.name, s.fingerprint],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO dictionaries_in_force (position, dictionary_id) VALUES (?1, ?2)",
            params![pos as i64 + 1, id],
        )?;
    }
    Ok(())
}

/// The user files of the set in force, from their stored bytes.
fn recorded(conn: &Connection) -> Result<Vec<Input>> {
    let mut st = conn.prepare(
        "SELECT d.name, d.kind, d.content FROM dictionaries_in_force f
           JOIN dictionaries d ON d.id = f.dictionary_id
          WHERE d.format <> 'builtin' ORDER BY f.position",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<Vec<u8>>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, kind, content) = row?;
        let Some(bytes) = content else {
            bail!(
                "{name}: the database recorded this dictionary without its content: pass it again (--actors/--agents/--relations)"
            );
        };
        let kind = Kind::parse(&kind).unwrap_or(Kind::Actors);
        out.push(Input { name, kind, bytes });
    }
    Ok(out)
}

/// The dictionaries `show` uses: the flags' files, else the database's set in force.
fn show_inputs(flags: &Flags, db: &Path) -> Result<Vec<Input>> {
    let no_flags = flags.actors.is_empty() && flags.agents.is_empty() && flags.relations.is_empty();
    if !no_flags || !db.exists() {
        return inputs(flags);
    }
    let conn = store::open_read_only(db)?;
    match has_in_force(&conn)? {
        true => recorded(&conn),
        false => Ok(Vec::new()),
    }
}

fn has_in_force(conn: &Connection) -> Result<bool> {
    let sql = "SELECT 1 FROM sqlite_master WHERE name = 'dictionaries_in_force'";
    Ok(conn.query_row(sql, [], |_| Ok(())).optional()?.is_some())
}

fn list(db: &Path) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if db.exists() {
        let conn = store::open_read_only(db)?;
        if has_in_force(&conn)? {
            let mut st = conn.prepare(
                "SELECT f.position, d.kind, d.format, d.entries, d.fingerprint, d.name, d.loaded_at
                   FROM dictionaries_in_force f JOIN dictionaries d ON d.id = f.dictionary_id
                  ORDER BY f.position",
            )?;
            let mapped = st.query_map([], |r| {
                (0..7)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(text))
                    .collect()
            })?;
            rows = mapped.collect::<rusqlite::Result<_>>()?;
        }
    }
    if rows.is_empty() {
        eprintln!(
            "actorgraph: no dictionaries recorded in {}: showing the built-ins",
            db.display()
        );
        let d = Dictionaries::builtin()?;
        rows = d
            .files
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let cells = [
                    &(i + 1).to_string(),
                    s.kind.as_str(),
                    s.format.as_str(),
                    &s.entries.to_string(),
                    &s.fingerprint,
                    &s.name,
                    "",
                ];
                cells.iter().map(|c| c.to_string()).collect()
            })
            .collect();
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header([
            "#",
            "kind",
            "format",
            "entries",
            "fingerprint",
            "name",
            "loaded_at",
        ]);
    for r in rows {
        t.add_row(r);
    }
    writeln!(out, "{t}")?;
    Ok(Outcome::Done)
}

fn text(v: rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Integer(i) => i.to_string(),
        Value::Text(s) => s,
        Value::Real(f) => f.to_string(),
        _ => String::new(),
    }
}

fn show(args: ShowArgs, db: &Path) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let dicts = compile(&show_inputs(&args.dicts, db)?)?;
    let a = &dicts.actors;
    let Some(res) = a.resolve(&args.name) else {
        bail!(
            "'{}' resolves to no actor in the dictionaries in force",
            args.name
        );
    };
    let actor = a.actor(res.entry);
    let country = actor
        .country
        .as_deref()
        .map(|c| format!(", country {c}"))
        .unwrap_or_default();
    writeln!(out, "{}", args.name)?;
    writeln!(
        out,
        "  actor: {} ({}{country})",
        actor.name,
        actor.kind.as_str()
    )?;
    let case = match res.case {
        Case::Exact => "as written",
        Case::Capitalized => "any case, capitalized",
        Case::Any => "any case",
    };
    writeln!(
        out,
        "  form: {} ({case}) at {}:{}",
        res.form, res.file, res.line
    )?;
    let date = args.date.as_deref();
    if let Some(d) = date.filter(|d| crate::dict::Date::from_iso(d).is_none()) {
        bail!("--date {d}: not a date: write YYYY-MM-DD");
    }
    let code = a.code_at(res.entry, date);
    match date {
        Some(d) => writeln!(out, "  code: {code} (on {d})")?,
        None => writeln!(out, "  code: {code} (no date given)")?,
    }
    if a.windows(res.entry).is_empty() {
        writeln!(out, "  dated codes: none")?;
    }
    for w in a.windows(res.entry) {
        writeln!(out, "  dated code: {w} (line {})", w.line)?;
    }
    if let Some(words) = &args.near {
        match dicts.agents.qualify(code, words) {
            Some(q) => writeln!(out, "  with '{words}': {q}")?,
            None => writeln!(out, "  with '{words}': {code} (no agent word there)")?,
        }
    }
    Ok(Outcome::Done)
}

fn check_file(args: CheckArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let mut input = Input::read(&args.file, Kind::Actors).context("dict check")?;
    let format = Format::detect(&input.name, &input.bytes);
    input.kind = match &args.kind {
        Some(k) => Kind::parse(k).unwrap_or(Kind::Actors),
        None => check::guess_kind(&input, format),
    };
    let report = check::check(&input, input.kind);
    for i in &report.issues {
        let level = if i.error { "error" } else { "warning" };
        writeln!(out, "{}:{}: {level}: {}", input.name, i.line, i.message)?;
    }
    let warnings = report.issues.len() - report.errors();
    writeln!(
        out,
        "{}: {} {} file, {} entries: {} error(s), {warnings} warning(s)",
        input.name,
        report.format.as_str(),
        report.kind.as_str(),
        report.entries,
        report.errors()
    )?;
    Ok(if report.errors() > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}
