use crate::util::Dir;

fn ingested() -> Dir {
    let d = Dir::new();
    let f = d.write(
        "a.txt",
        "Story\n\nRussia accused NATO of provocations. Beijing warned Taipei.",
    );
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d
}

#[test]
fn query_is_read_only_unless_write() {
    let d = ingested();
    let run = d.run(&["query", "DELETE FROM events"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("read-only") && run.stderr().contains("--write"),
        "{}",
        run.stderr()
    );
    assert!(d.count("SELECT COUNT(*) FROM events") > 0);
    d.run(&["query", "--write", "DELETE FROM events"]).ok();
    assert_eq!(d.count("SELECT COUNT(*) FROM events"), 0);
}

#[test]
fn query_prints_json_and_views_read_naturally() {
    let d = ingested();
    let out = d
        .run(&[
            "query",
            "--format",
            "json",
            "SELECT source, relation, target FROM v_events ORDER BY id",
        ])
        .ok();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["source"], "Russia");
    assert_eq!(rows[0]["relation"], "disapprove");
    assert_eq!(rows[0]["target"], "NATO");
}

#[test]
fn bad_sql_is_one_clear_line() {
    let d = ingested();
    let run = d.run(&["query", "SELEC nonsense"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .starts_with("actorgraph: error: the SQL does not compile"),
        "{}",
        run.stderr()
    );
    assert_eq!(run.stderr().lines().count(), 1);
}

#[test]
fn a_statement_without_columns_prints_no_empty_frame() {
    let d = ingested();
    let out = d.run(&["query", "--write", "DELETE FROM events"]).ok();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(done)\n");
}

/// Whether SQLite's write-ahead log files are beside the test database.
fn wal_files(d: &Dir) -> (bool, bool) {
    (
        d.path("test.db-wal").exists(),
        d.path("test.db-shm").exists(),
    )
}

#[test]
fn read_only_commands_leave_no_wal_files_behind() {
    let d = ingested();
    let commands: [&[&str]; 4] = [
        &["query", "SELECT COUNT(*) FROM events"],
        &["stats"],
        &["export", "--format", "dot", "--out", "g.dot"],
        &["search", "NATO"],
    ];
    for args in commands {
        d.run(args).ok();
        assert_eq!(wal_files(&d), (false, false), "after {args:?}");
    }
}

#[test]
fn wal_files_stay_while_another_process_has_the_database_open() {
    let d = ingested();
    let other = rusqlite::Connection::open(d.db()).unwrap();
    let events = |c: &rusqlite::Connection| {
        c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    let before = events(&other);
    assert_eq!(wal_files(&d), (true, true), "the open connection uses them");
    d.run(&["query", "SELECT COUNT(*) FROM events"]).ok();
    assert_eq!(
        wal_files(&d),
        (true, true),
        "removed under an open connection"
    );
    assert_eq!(events(&other), before);
}

/// Keeps a folder from taking new files while it lives: `chmod` stops a user, `chattr +i`
/// stops root too. `None` where neither works here.
struct Sealed(std::path::PathBuf);

impl Sealed {
    fn new(dir: &std::path::Path) -> Option<Sealed> {
        use std::os::unix::fs::PermissionsExt;
        let sealed = Sealed(dir.to_path_buf());
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        if sealed.takes_files() {
            let chattr = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status();
            if !chattr.is_ok_and(|s| s.success()) || sealed.takes_files() {
                return None;
            }
        }
        Some(sealed)
    }

    fn takes_files(&self) -> bool {
        let probe = self.0.join(".probe");
        let took = std::fs::write(&probe, "").is_ok();
        std::fs::remove_file(&probe).ok();
        took
    }
}

impl Drop for Sealed {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_database_in_a_folder_that_takes_no_new_files_still_reads() {
    let d = ingested();
    let events = d.count("SELECT COUNT(*) FROM events");
    assert_eq!(wal_files(&d), (false, false));
    let Some(_sealed) = Sealed::new(d.tmp.path()) else {
        eprintln!("skipped: no way to make a folder read-only here");
        return;
    };
    // SQLite cannot create its -wal and -shm files there, so it reads the file as immutable.
    assert_eq!(d.count("SELECT COUNT(*) FROM events"), events);
    let stats = d.run(&["stats"]).ok();
    assert!(String::from_utf8_lossy(&stats.stdout).contains(&format!("{events} events")));
    // Search cannot index the new sentences there, and says why.
    let run = d.run(&["search", "NATO"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("needs to write"), "{}", run.stderr());
    let run = d.run(&["query", "--write", "DELETE FROM events"]);
    assert_eq!(run.code(), 2, "writing must still fail there");
}
