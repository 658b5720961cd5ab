//! Test harness: a scratch folder and the built binary, so each test reads like a transcript.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder holding a database.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs `actorgraph --db test.db ARGS` in the folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_stdin(args, "")
    }

    /// Runs with `stdin` piped in.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .current_dir(self.tmp.path())
            .env_remove("ACTORGRAPH_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run actorgraph");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        Run(child.wait_with_output().unwrap())
    }

    /// `query --format csv SQL` parsed into rows (header dropped).
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let out = self.run(&["query", "--format", "csv", sql]).ok();
        let mut r = csv::Reader::from_reader(out.stdout.as_slice());
        r.records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect()
    }

    /// A single number from SQL.
    pub fn count(&self, sql: &str) -> i64 {
        self.rows(sql)[0][0].parse().unwrap()
    }
}

/// A finished run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts exit 0 and returns the output.
    pub fn ok(self) -> Output {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self.0
    }
}

/// A file of the shared test material beside the repository (CI has it too).
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// The repository root.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Reads a CSV file into rows of named fields.
pub fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .map(String::from)
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}
