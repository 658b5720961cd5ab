//! `actorgraph query "SQL"`: run SQL, print a table, CSV or JSON.

use super::{Outcome, output};
use crate::store;
use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use std::io::Write;
use std::path::Path;

/// Run SQL against the database and print the rows.
///
/// The database is opened read-only unless --write is given, so a stray DROP or DELETE
/// cannot change anything. Views: v_events, v_edges, v_actors.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph query \"SELECT source, relation, target, weight FROM v_edges ORDER BY weight DESC LIMIT 10\"\n  actorgraph query --format csv \"SELECT * FROM v_events\" > events.csv"
)]
pub struct Args {
    /// The SQL statement.
    pub sql: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: Format,
    /// Allow statements that change the database.
    #[arg(long)]
    pub write: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Runs `query`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = if args.write {
        store::open(db)?
    } else {
        store::open_read_only(db)?
    };
    let mut st = conn
        .prepare(&args.sql)
        .context("the SQL does not compile")?;
    let columns: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
    let table = if args.write {
        // A write that finds the database locked changed nothing, so it can run again: it
        // waits for an ingest's turn instead of failing after SQLite's 5 s.
        store::while_busy(&conn, || rows(&mut st, columns.len()))?
    } else {
        rows(&mut st, columns.len()).map_err(read_only_hint)?
    };
    let mut out = output::create(Path::new("-"))?;
    match args.format {
        Format::Table => print_table(&columns, &table, &mut out)?,
        Format::Csv => print_csv(&columns, &table, &mut out)?,
        Format::Json => print_json(&columns, &table, &mut out)?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Runs the statement and reads every row it returns.
fn rows(
    st: &mut rusqlite::Statement,
    width: usize,
) -> rusqlite::Result<Vec<Vec<serde_json::Value>>> {
    let mut rows = st.query([])?;
    let mut table = Vec::new();
    while let Some(r) = rows.next()? {
        table.push(
            (0..width)
                .map(|i| value(r.get_ref(i).unwrap_or(ValueRef::Null)))
                .collect(),
        );
    }
    Ok(table)
}

fn read_only_hint(e: rusqlite::Error) -> anyhow::Error {
    let msg = e.to_string();
    if msg.contains("readonly") || msg.contains("read-only") {
        anyhow::anyhow!("{msg}: the database is opened read-only; add --write to change it")
    } else {
        anyhow::Error::new(e)
    }
}

fn value(v: ValueRef) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn print_table(
    columns: &[String],
    rows: &[Vec<serde_json::Value>],
    out: &mut dyn Write,
) -> Result<()> {
    // A statement without result columns (--write's UPDATE, DROP, ...) has nothing to draw.
    if columns.is_empty() {
        writeln!(out, "(done)")?;
        return Ok(());
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(columns);
    for r in rows {
        t.add_row(r.iter().map(cell));
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn print_csv(
    columns: &[String],
    rows: &[Vec<serde_json::Value>],
    out: &mut dyn Write,
) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(columns)?;
    for r in rows {
        w.write_record(r.iter().map(cell))?;
    }
    w.flush()?;
    Ok(())
}

fn print_json(
    columns: &[String],
    rows: &[Vec<serde_json::Value>],
    out: &mut dyn Write,
) -> Result<()> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|r| columns.iter().cloned().zip(r.iter().cloned()).collect())
        .collect();
    serde_json::to_writer_pretty(&mut *out, &objects)?;
    writeln!(out)?;
    Ok(())
}
