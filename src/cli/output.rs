//! Output targets: a file, or stdout for `-`, buffered.

use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Opens `path` for writing (`-` is stdout), creating parent folders.
pub fn create(path: &Path) -> Result<Box<dyn Write>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufWriter::new(std::io::stdout().lock())));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    let f = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create file", path.display()))?;
    Ok(Box::new(BufWriter::new(f)))
}
