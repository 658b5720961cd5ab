use crate::util::{Dir, shared};

const TABLES: &str = "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM sentences), (SELECT COUNT(*) FROM actors),
    (SELECT COUNT(*) FROM actor_aliases), (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM events)";

#[test]
fn reingesting_the_same_text_changes_no_table() {
    let d = Dir::new();
    let f = d.write(
        "a.txt",
        "Headline\n\nRussia demanded that NATO halt its expansion.\nThe talks failed.",
    );
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    let before = d.rows(TABLES);
    let again = d.run(&["ingest", f.to_str().unwrap()]);
    assert_eq!(again.code(), 0);
    assert!(
        again
            .stderr()
            .contains("0 articles added, 1 already stored"),
        "{}",
        again.stderr()
    );
    assert_eq!(d.rows(TABLES), before);
    assert_eq!(before[0][0], "1");
}

/// A load into an empty database builds the dedup index at its end, its reader keeping the
/// texts unique meanwhile, also across chunks.
#[test]
fn a_first_load_stores_a_repeated_text_once_and_ends_with_its_dedup_index() {
    let d = Dir::new();
    // Chunks hold 256 records: the repeat at the end meets its first copy in another chunk.
    let mut feed: String = (0..299)
        .map(|i| format!("{{\"id\": \"a{i}\", \"text\": \"Russia warned Japan on day {i}.\"}}\n"))
        .collect();
    feed += "{\"id\": \"again\", \"text\": \"Russia warned Japan on day 0.\"}\n";
    let f = d.write("feed.jsonl", feed);
    let run = d.run(&["ingest", f.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("299 articles added, 1 already stored"),
        "{}",
        run.stderr()
    );
    let index = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_content_hash'";
    assert_eq!(d.count(index), 1);
    assert_eq!(
        d.count("SELECT COUNT(DISTINCT content_hash) FROM articles"),
        299
    );
}

#[test]
fn bad_records_are_named_skipped_and_nothing_half_stored() {
    let d = Dir::new();
    d.write(
        "in/good.txt",
        "Good story\n\nChina criticized Japan over the islands.",
    );
    d.write("in/empty.txt", "");
    d.write("in/latin1.txt", b"Fran\xe7ois met Putin.".as_slice());
    d.write(
        "in/feed.jsonl",
        "{\"id\": \"j1\", \"text\": \"Iran threatened Israel with retaliation.\"}\n{\"id\": \"j2\", \"text\": oops}\n{\"id\": \"j3\", \"title\": \"no text\"}\n",
    );
    let run = d.run(&["ingest", d.path("in").to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("empty.txt: empty article"), "{err}");
    assert!(err.contains("latin1.txt: invalid UTF-8"), "{err}");
    assert!(err.contains("feed.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("feed.jsonl:3: no text"), "{err}");
    let ids = d.rows("SELECT ext_id FROM articles ORDER BY ext_id");
    assert_eq!(ids, vec![vec!["good".to_string()], vec!["j1".to_string()]]);
    // Every stored article has its sentences; no orphan rows.
    assert_eq!(d.count("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"), 0);
    assert_eq!(
        d.count("SELECT COUNT(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"),
        0
    );
}

#[test]
fn reads_json_csv_and_stdin() {
    let d = Dir::new();
    let json = d.write("a.json", r#"[{"id": 7, "text": "Germany praised France.", "date": "2024-02-01"}, {"body": "Poland thanked Lithuania."}]"#);
    let csv = d.write(
        "b.csv",
        "id,title,text\nc1,T,\"India and Pakistan held talks, officials said.\"\n",
    );
    d.run(&["ingest", json.to_str().unwrap(), csv.to_str().unwrap()])
        .ok();
    d.run_stdin(
        &["ingest", "-"],
        "{\"id\": \"s1\", \"content\": \"Egypt urged Ethiopia to resume talks.\"}\n",
    )
    .ok();
    let ids = d.rows("SELECT ext_id, date FROM articles ORDER BY id");
    let ids: Vec<&str> = ids.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["7", "a-2", "c1", "s1"]);
    assert_eq!(
        d.rows("SELECT date FROM articles WHERE ext_id = '7'")[0][0],
        "2024-02-01"
    );
}

#[test]
fn sample_corpus_gives_the_core_edges_and_no_noise_actors() {
    let d = Dir::new();
    let f = shared("corpus/000_7125375718ed6204.txt");
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d.run(&["export", "--format", "csv", "--out", "out"]).ok();
    let events = crate::util::read_csv(&d.path("out/events.csv"));
    let has = |s: &str, r: &str, t: &str| {
        events
            .iter()
            .any(|e| e["source"] == s && e["relation"] == r && e["target"] == t)
    };
    assert!(has("Russia", "demand", "West"), "{events:#?}");
    assert!(
        has("Russia", "exhibit_force_posture", "Ukraine"),
        "{events:#?}"
    );
    assert!(has("United States", "reject", "Russia"), "{events:#?}");
    let names: Vec<Vec<String>> = d.rows("SELECT name FROM actors");
    for bad in [
        "Advertising",
        "Content",
        "Monday",
        "Thursday",
        "December",
        "May",
        "ASV",
        "EDSO",
        "Pekov",
    ] {
        assert!(
            !names.iter().any(|n| n[0].contains(bad)),
            "actor named after {bad}: {names:?}"
        );
    }
    // Evidence is the sentence the offsets name.
    let bad_offsets = d.count(
        "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
         WHERE substr(a.text, s.start + 1, s.\"end\" - s.start) != s.text OR e.evidence_start != s.start",
    );
    assert_eq!(bad_offsets, 0);
}

/// Issue 3's acceptance list on the user's example: people, their titles and what they do.
#[test]
fn sample_corpus_people_titles_and_their_relations() {
    let d = Dir::new();
    let f = shared("corpus/000_7125375718ed6204.txt");
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d.run(&["export", "--format", "csv", "--out", "out"]).ok();
    let events = crate::util::read_csv(&d.path("out/events.csv"));
    let expected = [
        ("Dmitry Peskov", "disapprove", "United States"),
        ("Sergei Ryabkov", "disapprove", "West"),
        ("Sergei Ryabkov", "consult", "United States"),
        ("NATO", "reject", "Russia"),
        ("United States", "reject", "Russia"),
        ("Russia", "demand", "West"),
        ("Dmitry Peskov", "member_of", "Russia"),
        ("Sergei Ryabkov", "member_of", "Russia"),
        ("Vladimir Putin", "member_of", "Russia"),
        ("Zbigniew Rau", "member_of", "Poland"),
    ];
    for (s, r, t) in expected {
        let hit = events
            .iter()
            .find(|e| e["source"] == s && e["relation"] == r && e["target"] == t);
        let hit = hit.unwrap_or_else(|| panic!("missing {s} {r} {t}: {events:#?}"));
        // Every event carries its rule and a confidence, after the contract's columns.
        assert!(
            !hit["rule"].is_empty() && hit["confidence"].parse::<f64>().is_ok(),
            "{hit:?}"
        );
    }
    // "Pekov" is Peskov misspelled; brackets hold untranslated words, never actors.
    let names = d.rows("SELECT name FROM actors").concat();
    assert!(
        !names
            .iter()
            .any(|n| n == "Pekov" || n.contains('[') || n.contains("mūsu") || n.contains("galda")),
        "{names:?}"
    );
    assert_eq!(d.count("SELECT COUNT(*) FROM mentions WHERE surface = 'Pekov' AND actor_id = (SELECT id FROM actors WHERE name = 'Dmitry Peskov')"), 1);
}

#[test]
fn verbose_flags_log_to_stderr_and_are_silent_otherwise() {
    let d = Dir::new();
    let f = d.write("a.txt", "Story\n\nRussia criticized NATO.");
    let quiet = d.run(&["ingest", "--quiet", f.to_str().unwrap()]);
    assert_eq!(quiet.stderr(), "");
    let g = d.write("b.txt", "Story\n\nChina criticized Japan.");
    let loud = d.run(&["-v", "ingest", "--quiet", g.to_str().unwrap()]);
    assert!(
        loud.stderr().contains("INFO") && loud.stderr().contains("b.txt"),
        "{}",
        loud.stderr()
    );
    assert!(!loud.stderr().contains("DEBUG"), "{}", loud.stderr());
    let h = d.write("c.txt", "Story\n\nIndia criticized Nepal.");
    let louder = d.run(&["-vv", "ingest", "--quiet", h.to_str().unwrap()]);
    assert!(louder.stderr().contains("DEBUG"), "{}", louder.stderr());
}
