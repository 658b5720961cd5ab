//! stats, search, show, completions, help, and the README's SQL examples.

use crate::util::{Dir, repo};
use clap::CommandFactory;

const STORY: &str = "Border row\n\nRussia accused NATO of provocations. Beijing warned Taipei.";

fn ingested() -> Dir {
    let d = Dir::new();
    let f = d.write("story.txt", STORY);
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d
}

/// The six sample articles, ingested in name order.
fn sample() -> Dir {
    let d = Dir::new();
    let mut files: Vec<String> = std::fs::read_dir(repo("examples/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    d.run(&args).ok();
    d
}

fn stdout(d: &Dir, args: &[&str]) -> String {
    String::from_utf8(d.run(args).ok().stdout).unwrap()
}

#[test]
fn search_finds_a_known_sentence_with_its_events() {
    let d = ingested();
    // Stemming: "provocation" finds "provocations".
    let out = stdout(&d, &["search", "provocation"]);
    assert!(out.starts_with("story  sentence 1  undated\n"), "{out}");
    assert!(
        out.contains("  Russia accused NATO of provocations.\n"),
        "{out}"
    );
    assert!(
        out.contains("  -> Russia disapprove NATO  (verb \"accused\""),
        "{out}"
    );
    assert!(out.ends_with("\n1 matching sentence\n"), "{out}");
    assert!(!out.contains('\x1b'), "no colour on a pipe: {out:?}");
    // Not FTS5 syntax: searched as words.
    let out = stdout(&d, &["search", "Beijing-warned"]);
    assert!(out.contains("  Beijing warned Taipei."), "{out}");
    let out = stdout(&d, &["search", "Ottawa"]);
    assert_eq!(out, "no sentence matches \"Ottawa\"\n");
}

/// FTS5's own check that the index matches the sentences it was built from.
fn index_is_consistent(d: &Dir) {
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    conn.execute(
        "INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("full-text index out of sync with sentences");
}

#[test]
fn the_first_search_builds_the_key_index_a_first_load_leaves_out() {
    let d = ingested();
    let key_index = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sentences_fts_key'";
    assert_eq!(d.count(key_index), 0, "a first load leaves it to search");
    assert!(stdout(&d, &["search", "Taipei"]).contains("story  sentence 2"));
    assert_eq!(d.count(key_index), 1);
    // highlight() fetches each hit's text through it, not by a scan of `sentences`.
    let plan = stdout(
        &d,
        &[
            "query",
            "EXPLAIN QUERY PLAN SELECT text FROM sentences_fts_content WHERE key = 5",
        ],
    );
    assert!(plan.contains("USING INDEX sentences_fts_key"), "{plan}");
    index_is_consistent(&d);
}

#[test]
fn search_index_follows_rebuild_and_deletes() {
    let d = ingested();
    assert!(stdout(&d, &["search", "Taipei"]).contains("story  sentence 2"));
    index_is_consistent(&d);
    // Indexed sentences replaced, then replaced again before the next search.
    d.run(&["rebuild"]).ok();
    d.run(&["rebuild"]).ok();
    let out = stdout(&d, &["search", "Taipei"]);
    assert_eq!(out.matches("story  sentence 2").count(), 1, "{out}");
    index_is_consistent(&d);
    // Ingested and deleted without a search in between: never indexed, nothing to remove.
    let f = d.write("other.txt", "Other\n\nTaipei thanked Washington.");
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d.run(&["query", "--write", "DELETE FROM articles"]).ok();
    assert_eq!(
        stdout(&d, &["search", "Taipei"]),
        "no sentence matches \"Taipei\"\n"
    );
    index_is_consistent(&d);
    assert_eq!(d.count("SELECT COUNT(*) FROM sentences_fts"), 0);
}

#[test]
fn search_indexes_a_database_from_before_the_index() {
    let d = ingested();
    {
        let conn = rusqlite::Connection::open(d.db()).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        conn.execute_batch(
            "DROP TRIGGER sentences_fts_delete;
             DROP TRIGGER sentences_fts_update; DROP TABLE sentences_fts;
             DROP TABLE sentences_fts_todo; DROP TABLE sentences_fts_deleted;
             DROP VIEW sentences_fts_content; DROP INDEX IF EXISTS sentences_fts_key;",
        )
        .unwrap();
        // Undo the migrations from the search index (004) on, as a database from before it.
        conn.execute_batch(
            "DROP VIEW v_events; DROP VIEW v_edges; DROP VIEW v_actors;
             ALTER TABLE events DROP COLUMN source_code; ALTER TABLE events DROP COLUMN target_code;",
        )
        .unwrap();
        conn.execute_batch(include_str!("../../schema/002_views.sql"))
            .unwrap();
        assert!(version >= 4, "{version}");
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let out = stdout(&d, &["search", "Taipei"]);
    assert!(out.contains("  Beijing warned Taipei."), "{out}");
    index_is_consistent(&d);
}

#[test]
fn show_marks_mentions_and_triggers_then_lists_the_events() {
    let d = ingested();
    let out = stdout(&d, &["show", "story"]);
    assert!(out.starts_with("Border row\nstory · "), "{out}");
    assert!(
        out.contains("   1  [Russia] {accused} [NATO] of provocations.\n"),
        "{out}"
    );
    assert!(
        out.contains("\n3 events\n") || out.contains("\n2 events\n"),
        "{out}"
    );
    let row = out
        .lines()
        .find(|l| l.contains("disapprove"))
        .unwrap_or_else(|| panic!("{out}"));
    let cells: Vec<&str> = row.split(['│', '┆']).map(str::trim).collect();
    assert_eq!(
        cells[1..8],
        [
            "1",
            "Russia",
            "disapprove",
            "NATO",
            "accused",
            "verb",
            "0.70"
        ]
    );
    let coloured = stdout(&d, &["show", "story", "--color", "always"]);
    assert!(
        coloured.contains("\x1b[1;36mRussia\x1b[0m \x1b[1;33maccused\x1b[0m"),
        "{coloured:?}"
    );
}

#[test]
fn show_lists_every_event_of_a_sample_article() {
    let d = sample();
    let out = stdout(&d, &["show", "01_baltic_talks"]);
    let n = d.count(
        "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.ext_id = '01_baltic_talks'",
    );
    assert!(n > 0);
    assert!(out.contains(&format!("\n{n} events\n")), "{out}");
    for r in d.rows(
        "SELECT source, relation, target, rule FROM v_events WHERE article = '01_baltic_talks'",
    ) {
        let needle = format!("┆ {} ", r[1]);
        assert!(
            out.lines().any(|l| l.contains(&needle)
                && l.contains(&r[0])
                && l.contains(&r[2])
                && l.contains(&r[3])),
            "{r:?} in {out}"
        );
    }
}

#[test]
fn show_suggests_a_close_id() {
    let d = ingested();
    let run = d.run(&["show", "stroy"]);
    assert_eq!(run.code(), 2);
    assert_eq!(
        run.stderr(),
        "actorgraph: error: no article with id \"stroy\"; did you mean \"story\"?\n"
    );
}

#[test]
fn stats_counts_equal_the_database() {
    let d = sample();
    let out = stdout(&d, &["stats", "--top", "3"]);
    let counts = ["articles", "sentences", "actors", "events"]
        .map(|t| format!("{} {t}", d.count(&format!("SELECT COUNT(*) FROM {t}"))))
        .join(", ");
    assert!(
        out.starts_with(&format!("{}: {counts}\n", d.db().display())),
        "{out}"
    );
    assert!(
        out.contains("\nArticles by month\n  (undated)  6\n"),
        "{out}"
    );
    for r in d.rows("SELECT relation, COUNT(*) FROM events GROUP BY 1") {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(&r[0]));
        assert_eq!(
            line.and_then(|l| l.split_whitespace().nth(1)),
            Some(r[1].as_str()),
            "{out}"
        );
    }
    let top = out.split("Top 3 actors").nth(1).unwrap();
    assert_eq!(
        top.lines().skip(1).take_while(|l| !l.is_empty()).count(),
        3,
        "{out}"
    );
    assert!(out.contains("builtin:actors.csv"), "{out}");
}

#[test]
fn completions_bash_is_a_valid_script() {
    let d = Dir::new();
    let script = d.write(
        "actorgraph.bash",
        d.run(&["completions", "bash"]).ok().stdout,
    );
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(
        text.contains("complete -F") && text.contains("search"),
        "{text}"
    );
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn man_page_is_roff() {
    let d = Dir::new();
    let page = stdout(&d, &["man"]);
    assert!(page.contains(".TH actorgraph 1"), "{page}");
    assert!(page.contains("search"), "{page}");
}

/// Every command teaches by example: `--help` ends with an Examples section.
#[test]
fn every_command_help_has_examples() {
    let d = Dir::new();
    let cli = actorgraph::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names.iter().filter(|n| *n != "help") {
        let help = stdout(&d, &[name, "--help"]);
        assert!(
            help.contains("\nExamples:\n  actorgraph "),
            "`actorgraph {name} --help` has no examples: add an after_long_help \"Examples:\" block to its Args\n{help}"
        );
    }
}

/// One ```sql block of the README and the ```text block after it (line numbers, 0-based).
struct Example {
    sql: String,
    body: std::ops::Range<usize>,
}

fn examples(lines: &[&str]) -> Vec<Example> {
    let fence = |from: usize| (from..lines.len()).find(|&i| lines[i] == "```");
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == "```sql" {
            let end = fence(i + 1).expect("unclosed ```sql block in README.md");
            let next = (end + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
            if let Some(t) = next.filter(|&t| lines[t] == "```text") {
                let close = fence(t + 1).expect("unclosed ```text block in README.md");
                let sql = lines[i + 1..end].join("\n");
                found.push(Example {
                    sql,
                    body: t + 1..close,
                });
                i = close;
            }
        }
        i += 1;
    }
    found
}

/// The README's SQL examples give the output shown under them. With ACTORGRAPH_BLESS=1
/// (what scripts/readme_sql.sh sets) the shown output is rewritten instead.
#[test]
fn readme_sql_examples_show_their_real_output() {
    let path = repo("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let found = examples(&lines);
    assert!(
        found.len() >= 5,
        "README.md should have five ```sql + ```text examples"
    );
    let d = sample();
    let got: Vec<String> = found
        .iter()
        .map(|e| stdout(&d, &["query", &e.sql]))
        .collect();
    if std::env::var_os("ACTORGRAPH_BLESS").is_some() {
        let mut out: Vec<String> = Vec::new();
        let mut at = 0;
        for (e, g) in found.iter().zip(&got) {
            out.extend(lines[at..e.body.start].iter().map(|l| l.to_string()));
            out.extend(g.lines().map(String::from));
            at = e.body.end;
        }
        out.extend(lines[at..].iter().map(|l| l.to_string()));
        std::fs::write(&path, out.join("\n") + "\n").unwrap();
        return;
    }
    for (e, g) in found.iter().zip(&got) {
        let shown = lines[e.body.clone()].join("\n");
        assert_eq!(
            shown,
            g.trim_end(),
            "README.md line {}: the output shown for\n{}\nis stale. Run `bash scripts/readme_sql.sh` to rewrite every README output block, then review `git diff README.md`. (left: shown in README.md, right: actual output)",
            e.body.start,
            e.sql
        );
    }
}
