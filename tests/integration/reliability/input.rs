//! Every bad record is one clear line naming the file and line; the run goes on; --strict stops.

use super::assert_clean_errors;
use crate::util::Dir;

#[test]
fn each_bad_record_is_one_line_naming_file_and_line_and_the_rest_is_stored() {
    let d = Dir::new();
    d.write(
        "in/feed.jsonl",
        "{\"id\": \"g1\", \"text\": \"Russia accused NATO of provocations.\"}\n\
         [1, 2]\n\
         {\"id\": \"b2\", \"text\": 5}\n\
         {\"id\": \"b3\", \"text\": \"\\ud800 lone surrogate\"}\n\
         not json at all\n\
         {\"id\": \"g2\", \"text\": \"China criticized Japan.\"}\n",
    );
    d.write(
        "in/bad.json",
        "[{\"text\": \"Iran warned Israel.\"}, 7, {\"id\": \"x\"}]",
    );
    d.write(
        "in/rows.csv",
        "id,text\nc1,\"Egypt urged Ethiopia to talk.\"\nc2,\n",
    );
    d.write("in/furniture.txt", "Advertising\n***\n");
    let run = d.run(&["ingest", d.path("in").to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_clean_errors(&run);
    let err = run.stderr();
    for expected in [
        "feed.jsonl:2: not a JSON object",
        "feed.jsonl:3: no text",
        "feed.jsonl:4: malformed JSON",
        "feed.jsonl:5: malformed JSON",
        "bad.json:2: record 2: array item is not an object",
        "bad.json:3: record 3: no text",
        "rows.csv:3: empty text",
        "furniture.txt: nothing left after removing page furniture",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(err.contains("8 skipped"), "{err}");
    let ids = d.rows("SELECT ext_id FROM articles ORDER BY ext_id");
    assert_eq!(ids.concat(), ["bad-1", "c1", "g1", "g2"]);
}

#[test]
fn strict_stops_at_the_first_bad_record_and_keeps_what_came_before() {
    let d = Dir::new();
    let f = d.write(
        "feed.jsonl",
        "{\"id\": \"a\", \"text\": \"Russia accused NATO.\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"China criticized Japan.\"}\n",
    );
    let run = d.run(&["ingest", "--strict", f.to_str().unwrap()]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("feed.jsonl:2: no text"), "{err}");
    assert!(
        err.contains("error: --strict: stopped at the first bad record"),
        "{err}"
    );
    assert_eq!(d.rows("SELECT ext_id FROM articles").concat(), ["a"]);
    // Without --strict the same input goes through, skipping line 2.
    let run = d.run(&["ingest", f.to_str().unwrap()]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        d.rows("SELECT ext_id FROM articles ORDER BY ext_id")
            .concat(),
        ["a", "c"]
    );
}

#[test]
fn query_without_write_changes_nothing() {
    let d = Dir::new();
    let f = d.write("a.txt", "Russia accused NATO of provocations.");
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    for sql in [
        "DROP TABLE events",
        "DELETE FROM articles",
        "PRAGMA user_version = 99",
        "CREATE TABLE x (y)",
    ] {
        let run = d.run(&["query", sql]);
        assert_eq!(run.code(), 2, "{sql}: {}", run.stderr());
        assert!(
            run.stderr().contains("add --write"),
            "{sql}: {}",
            run.stderr()
        );
        assert_eq!(run.stderr().lines().count(), 1);
    }
    assert_eq!(d.count("SELECT COUNT(*) FROM articles"), 1);
    assert_eq!(
        d.count("PRAGMA user_version"),
        actorgraph::store::LATEST_VERSION
    );
    assert!(d.count("SELECT COUNT(*) FROM events") > 0);
    d.run(&["query", "--write", "DROP VIEW v_events"]).ok();
    assert_eq!(
        d.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'v_events'"),
        0
    );
}

#[test]
fn csv_export_quotes_hostile_names_and_evidence() {
    let d = Dir::new();
    let name = "Acme, \"Evil\"\nCorp =1+1";
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["name", "code", "type", "country", "aliases"])
        .unwrap();
    w.write_record([name, "AC,\"ME", "group", "", "Acme"])
        .unwrap();
    d.write("actors.csv", w.into_inner().unwrap());
    let text = "Acme threatened Russia, \"badly\", over <b>&amp;</b>; the \u{202e}rest; =cmd|' /C calc' A0 said so.";
    let f = d.write(
        "a.jsonl",
        serde_json::json!({"id": "x,\"y\"\nz", "text": text}).to_string(),
    );
    d.run(&["ingest", "--actors", "actors.csv", f.to_str().unwrap()])
        .ok();
    d.run(&["export", "--format", "csv", "--out", "out"]).ok();
    let nodes = crate::util::read_csv(&d.path("out/nodes.csv"));
    assert!(
        nodes
            .iter()
            .any(|n| n["Label"] == name && n["code"] == "AC,\"ME"),
        "{nodes:?}"
    );
    let events = crate::util::read_csv(&d.path("out/events.csv"));
    let e = events
        .iter()
        .find(|e| e["source"] == name)
        .expect("the Acme event");
    assert_eq!(e["target"], "Russia");
    assert_eq!(e["article"], "x,\"y\"\nz");
    assert_eq!(e["evidence"], text);
}
