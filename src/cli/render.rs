//! `actorgraph render --out graph.svg|png|pdf`: the DOT export laid out by Graphviz.

use super::Outcome;
use super::select::{self, SelectArgs};
use crate::export;
use crate::store;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Draw the graph to an image with Graphviz (which must be installed).
///
/// The output format follows the file's extension: svg (hover shows relations and dates),
/// png or pdf. The layout engine is chosen by the graph's size unless --engine says otherwise.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph render --out graph.svg\n  actorgraph render --out conflict.png --family conflict --min-weight 2"
)]
pub struct Args {
    /// The image to write: .svg, .png or .pdf.
    #[arg(long, short)]
    pub out: PathBuf,
    /// A Graphviz layout engine (dot, neato, fdp, sfdp, circo, twopi) instead of the one
    /// chosen by size.
    #[arg(long)]
    pub engine: Option<String>,
    #[command(flatten)]
    pub select: SelectArgs,
}

const ENGINES: [&str; 7] = ["dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage"];

/// Runs `render`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let ext = image_format(&args.out)?;
    if let Some(e) = args.engine.as_deref().filter(|e| !ENGINES.contains(e)) {
        bail!("--engine {e}: use one of {}", ENGINES.join(", "));
    }
    let conn = store::open_read_only(db)?;
    let sel = select::load(&conn, &args.select)?;
    let mut dot = Vec::new();
    export::dot::write(&sel.graph, &mut dot)?;
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    graphviz(&dot, ext, args.engine.as_deref(), &args.out)?;
    eprintln!(
        "wrote {}: {} nodes, {} edges",
        args.out.display(),
        sel.graph.node_count(),
        sel.graph.edge_count()
    );
    Ok(Outcome::Done)
}

fn image_format(out: &Path) -> Result<&'static str> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok("svg"),
        Some("png") => Ok("png"),
        Some("pdf") => Ok("pdf"),
        _ => bail!(
            "{}: end the file name in .svg, .png or .pdf (or use `actorgraph export --format dot`)",
            out.display()
        ),
    }
}

/// Pipes DOT through Graphviz's `dot` into `out`.
fn graphviz(dot: &[u8], ext: &str, engine: Option<&str>, out: &Path) -> Result<()> {
    let mut cmd = Command::new("dot");
    cmd.arg(format!("-T{ext}")).arg("-o").arg(out);
    if let Some(e) = engine {
        cmd.arg(format!("-K{e}"));
    }
    let mut child = match cmd.stdin(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "Graphviz is not installed (no `dot` on PATH): install it (apt install graphviz, brew install graphviz), or use `actorgraph export --format html` for a view that needs nothing"
        ),
        Err(e) => return Err(e).context("cannot run Graphviz's `dot`"),
    };
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(dot)
        .context("writing to Graphviz")?;
    let result = child.wait_with_output()?;
    if !result.status.success() {
        let err = String::from_utf8_lossy(&result.stderr);
        bail!(
            "Graphviz failed on {}: {}",
            out.display(),
            err.lines().next().unwrap_or("no message")
        );
    }
    Ok(())
}
