//! Schema versions: a newer database is refused clearly; a v1 database is migrated in place.

use crate::util::{Dir, repo};

fn v1_database(d: &Dir) {
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    let core = std::fs::read_to_string(repo("schema/001_core.sql")).unwrap();
    conn.execute_batch(&core).unwrap();
    conn.execute_batch(
        "INSERT INTO articles (ext_id, raw_text, text, content_hash) VALUES ('old', 'Old text.', 'Old text.', 'h1');
         INSERT INTO sentences VALUES (1, 1, 0, 9, 'Old text.');
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn a_v1_database_is_migrated_in_place_and_keeps_its_rows() {
    let d = Dir::new();
    v1_database(&d);
    // Read-only commands never migrate: they see v1 and the views are absent.
    let run = d.run(&["query", "SELECT COUNT(*) FROM v_events"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("no such table: v_events"),
        "{}",
        run.stderr()
    );
    let f = d.write("a.txt", "Russia accused NATO of provocations.");
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    assert_eq!(
        d.count("PRAGMA user_version"),
        actorgraph::store::LATEST_VERSION
    );
    assert_eq!(
        d.rows("SELECT ext_id FROM articles ORDER BY id").concat(),
        ["old", "a"]
    );
    assert_eq!(
        d.rows("SELECT source, relation, target FROM v_events")
            .concat(),
        ["Russia", "disapprove", "NATO"]
    );
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message_and_left_alone() {
    let d = Dir::new();
    v1_database(&d);
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let f = d.write("a.txt", "Russia accused NATO of provocations.");
    for args in [
        vec!["ingest", f.to_str().unwrap()],
        vec!["query", "SELECT 1"],
        vec!["export", "--format", "csv", "--out", "o"],
    ] {
        let run = d.run(&args);
        assert_eq!(run.code(), 2, "{args:?}");
        let err = run.stderr();
        assert!(
            err.contains(&format!(
                "database schema version 99 is newer than this actorgraph understands ({}): upgrade actorgraph",
                actorgraph::store::LATEST_VERSION
            )),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}
