//! Past one machine: `extract` on shards then `load` builds the database `ingest` builds; the
//! Spark job gives what one machine gives; the Neo4j export is what `neo4j-admin` imports.

use crate::util::{Dir, repo, shared};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// v_events without surrogate ids, in a fixed order.
const EVENTS: &str = "SELECT article, date, sentence, source, source_code, relation, cameo, target, target_code, evidence
    FROM v_events ORDER BY article, sentence, source, relation, target, evidence";

/// The rest of what an article leaves behind, keyed by names instead of ids.
const CONTENT: [&str; 4] = [
    "SELECT ext_id, title, date, source, url, raw_text, text, content_hash FROM articles ORDER BY ext_id, content_hash",
    "SELECT a.ext_id, s.idx, s.start, s.\"end\", s.text FROM sentences s JOIN articles a ON a.id = s.article_id ORDER BY 1, 2",
    "SELECT a.ext_id, m.sentence_idx, m.start, m.\"end\", m.how, x.name FROM mentions m JOIN articles a ON a.id = m.article_id JOIN actors x ON x.id = m.actor_id ORDER BY 1, 2, 3, 6",
    "SELECT name, code, type, country FROM actors ORDER BY name",
];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_actorgraph")
}

/// `actorgraph extract FILE` → its stdout, asserting the exit status.
fn extract(input: &Path, code: i32) -> (Vec<u8>, String) {
    let out = Command::new(bin())
        .arg("extract")
        .arg(input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{err}");
    (out.stdout, err)
}

/// Asserts that two databases hold the same events and article content.
fn assert_same(a: &Dir, b: &Dir) {
    let (ea, eb) = (a.rows(EVENTS), b.rows(EVENTS));
    assert!(!ea.is_empty());
    assert!(
        ea == eb,
        "v_events differ: {} vs {} rows",
        ea.len(),
        eb.len()
    );
    for sql in CONTENT {
        assert!(a.rows(sql) == b.rows(sql), "differs: {sql}");
    }
}

#[test]
fn extract_then_load_equals_ingest_on_the_gold_articles() {
    let gold = shared("gold/dev.jsonl");
    let one = Dir::new();
    one.run(&["ingest", "--quiet", gold.to_str().unwrap()]).ok();
    let (records, _) = extract(&gold, 0);
    let two = Dir::new();
    let piped = String::from_utf8(records).unwrap();
    two.run_stdin(&["load", "--quiet", "-"], &piped).ok();
    assert_same(&one, &two);
    // Loading the records again adds nothing: the dedupe key is the cleaned text's hash.
    let again = two.run_stdin(&["load", "-"], &piped).ok();
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 records loaded, 30 already stored"));
    // Into an empty database the loader keeps the texts unique itself, and the dedup index is
    // built at the end: every record twice in one load stores each once.
    let three = Dir::new();
    let twice = three
        .run_stdin(&["load", "-"], &format!("{piped}{piped}"))
        .ok();
    let err = String::from_utf8_lossy(&twice.stderr);
    assert!(
        err.contains("30 records loaded, 30 already stored"),
        "{err}"
    );
    let index = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_content_hash'";
    assert_eq!(three.count(index), 1);
    assert_same(&one, &three);
}

#[test]
fn ten_thousand_articles_in_shards_load_as_one_ingest() {
    let d = Dir::new();
    let corpus = generate(10_000, 11);
    let whole = d.write("corpus.jsonl", corpus.join("\n"));
    let one = Dir::new();
    assert_eq!(
        one.run(&["ingest", "--quiet", whole.to_str().unwrap()])
            .code(),
        1
    );
    // Three shards extracted apart, as three machines would, then loaded in order.
    let mut shards = Vec::new();
    let mut ingest_errors = String::new();
    for (i, part) in corpus.chunks(3_334).enumerate() {
        let shard = d.write(&format!("in/{i}.jsonl"), part.join("\n"));
        let (out, err) = extract(&shard, if i == 1 { 1 } else { 0 });
        ingest_errors.push_str(&err);
        shards.push(d.write(&format!("out/{i}.jsonl"), out));
    }
    // The bad line is reported as ingest reports it, with its shard's file and line.
    assert!(
        ingest_errors.contains("1.jsonl:1000: ") && ingest_errors.lines().count() == 1,
        "{ingest_errors}"
    );
    let two = Dir::new();
    let mut args = vec!["load", "--quiet"];
    args.extend(shards.iter().map(|p| p.to_str().unwrap()));
    two.run(&args).ok();
    assert_same(&one, &two);
    let articles = one.count("SELECT COUNT(*) FROM articles");
    assert!(
        (9_700..9_999).contains(&articles),
        "repeats were dropped: {articles}"
    );
}

#[test]
fn extract_output_is_deterministic_and_bad_records_match_ingest() {
    let d = Dir::new();
    let input = d.write(
        "in.jsonl",
        "{\"id\":\"a\",\"text\":\"Russia threatened Ukraine.\"}\n{\"id\":\"b\"}\nnot json\n{\"id\":\"c\",\"text\":\"Advertisement\"}\n",
    );
    let (first, err) = extract(&input, 1);
    let (second, _) = extract(&input, 1);
    assert_eq!(first, second);
    let ingest = d.run(&["ingest", input.to_str().unwrap()]);
    assert_eq!(ingest.code(), 1);
    let expected: Vec<&str> = ingest
        .0
        .stderr
        .split(|&b| b == b'\n')
        .map(|l| std::str::from_utf8(l).unwrap())
        .filter(|l| l.starts_with("actorgraph: "))
        .collect();
    assert_eq!(err.lines().collect::<Vec<_>>(), expected);
    assert_eq!(expected.len(), 3);
    let rec: serde_json::Value =
        serde_json::from_slice(&first[..first.iter().position(|&b| b == b'\n').unwrap()]).unwrap();
    assert_eq!(rec["format"], "actorgraph-extract/1");
    assert_eq!(rec["events"][0]["relation"], "threaten");
    assert_eq!(
        rec["actors"][rec["events"][0]["source"].as_u64().unwrap() as usize]["name"],
        "Russia"
    );
    // An empty shard (an empty Spark partition) is no error.
    let empty = Command::new(bin())
        .arg("extract")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!((empty.status.code(), empty.stdout.len()), (Some(0), 0));
}

#[test]
fn load_refuses_altered_records_and_other_dictionaries() {
    let d = Dir::new();
    let input = d.write("in.jsonl", "{\"id\":\"a\",\"text\":\"Russia threatened Ukraine.\"}\n{\"id\":\"b\",\"text\":\"China criticized Japan.\"}\n");
    let (out, _) = extract(&input, 0);
    let text = String::from_utf8(out).unwrap();
    let altered = text.replacen("\"source\":0", "\"source\":7", 1);
    let r = d.run_stdin(&["load", "-"], &format!("{altered}{{\"format\":1}}\n"));
    assert_eq!(r.code(), 1);
    let err = r.stderr();
    assert!(
        err.contains("actorgraph: -:1: event source index 7 out of range: skipped"),
        "{err}"
    );
    assert!(
        err.contains("actorgraph: -:3: not an extract record"),
        "{err}"
    );
    assert_eq!(d.count("SELECT COUNT(*) FROM articles"), 1);
    assert_eq!(d.count("SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.ext_id = 'a'"), 0);
    let actors = d.write(
        "actors.csv",
        "name,code,type,country,aliases\nRuritania,RUR,state,,Ruritanian\n",
    );
    let r = d.run_stdin(&["load", "--actors", actors.to_str().unwrap(), "-"], &text);
    assert_eq!(r.code(), 1);
    assert!(
        r.stderr().contains("extracted with other dictionaries"),
        "{}",
        r.stderr()
    );
}

/// A deterministic corpus of short articles: events between states, filler, furniture,
/// non-ASCII names, about 2% repeated texts under new ids, and one line without text.
fn generate(n: usize, seed: u64) -> Vec<String> {
    const STATES: [&str; 12] = [
        "Russia",
        "Ukraine",
        "China",
        "Japan",
        "Germany",
        "France",
        "Iran",
        "Israel",
        "Turkey",
        "Côte d'Ivoire",
        "the United States",
        "NATO",
    ];
    const ACTS: [&str; 8] = [
        "{a} threatened {b} with sanctions.",
        "{a} demanded that {b} withdraw its troops.",
        "Officials from {a} met their counterparts from {b} in Zürich.",
        "{a} criticized {b} over the border dispute.",
        "{a} did not attack {b}, a spokesman said.",
        "{a} may impose sanctions on {b}.",
        "{a} sent humanitarian aid to {b}.",
        "Foreign Minister Anna Šimková of {a} accused {b} of lying.",
    ];
    let mut s = seed;
    let mut next = move |k: usize| {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((s >> 33) as usize) % k
    };
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        if i == 4_333 {
            lines.push(format!("{{\"id\":\"g{i}\",\"title\":\"no body\"}}"));
            continue;
        }
        let text = if i > 0 && next(50) == 0 {
            texts[next(texts.len())].clone()
        } else {
            let mut t = String::new();
            for _ in 0..1 + next(3) {
                let (a, b) = (STATES[next(12)], STATES[next(12)]);
                t.push_str(&ACTS[next(8)].replace("{a}", a).replace("{b}", b));
                t.push(' ');
            }
            if next(4) == 0 {
                t.push_str("\nAdvertisement\n");
            }
            t.push_str(&format!("It was round {i} of the talks."));
            t
        };
        let date = format!("2022-{:02}-{:02}", 1 + next(12), 1 + next(28));
        lines.push(
            serde_json::json!({"id": format!("g{i}"), "date": date, "text": text}).to_string(),
        );
        texts.push(text);
    }
    lines
}

/// True when `python3` can import PySpark; in CI its absence is a failure, not a skip.
fn have_pyspark() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI must have pyspark: .ci/run installs it"
    );
    ok
}

/// Records without `origin`, the one field that depends on where a record was read.
fn without_origin(records: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = records
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut r: serde_json::Value = serde_json::from_slice(l).unwrap();
            r.as_object_mut().unwrap().remove("origin");
            r.to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn spark_local_mode_gives_what_one_machine_gives() {
    if !have_pyspark() {
        eprintln!("skipped: python3 cannot import pyspark (pip install pyspark)");
        return;
    }
    let d = Dir::new();
    let mut corpus = std::fs::read_to_string(shared("gold/dev.jsonl")).unwrap();
    corpus.push_str(&generate(400, 5).join("\n"));
    let input = d.write("articles/news.jsonl", &corpus);
    let out: PathBuf = d.path("records");
    let job = Command::new("python3")
        .arg(repo("scale/spark_extract.py"))
        .args([
            "--master",
            "local[2]",
            "--partitions",
            "3",
            "--binary",
            bin(),
        ])
        .arg(d.path("articles"))
        .arg(&out)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&job.stderr);
    assert!(job.status.success(), "{log}");
    let parts: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("part-")
        })
        .collect();
    assert!(parts.len() >= 3, "{parts:?}");
    let spark: Vec<u8> = {
        let mut v = parts.clone();
        v.sort();
        v.iter().flat_map(|p| std::fs::read(p).unwrap()).collect()
    };
    let (local, _) = extract(&input, 0);
    assert_eq!(without_origin(&spark), without_origin(&local));
    let one = Dir::new();
    one.run(&["ingest", "--quiet", input.to_str().unwrap()]);
    let two = Dir::new();
    two.run(&["load", "--quiet", out.to_str().unwrap()]).ok();
    assert_same(&one, &two);
}

#[test]
fn neo4j_export_follows_the_import_tool_headers() {
    let d = Dir::new();
    let gold = shared("gold/dev.jsonl");
    d.run(&["ingest", "--quiet", gold.to_str().unwrap()]).ok();
    d.run(&["export", "--format", "neo4j", "--out", "neo"]).ok();
    let header = |f: &str| -> Vec<String> {
        let mut r = csv::Reader::from_path(d.path(&format!("neo/{f}"))).unwrap();
        r.headers().unwrap().iter().map(String::from).collect()
    };
    assert_eq!(
        header("actors.csv"),
        [
            "actorId:ID(Actor)",
            "name",
            "code",
            "type",
            "country",
            "mentions:int",
            "degree:int",
            "pagerank:float",
            ":LABEL"
        ]
    );
    assert_eq!(
        header("relations.csv"),
        [
            ":START_ID(Actor)",
            ":END_ID(Actor)",
            ":TYPE",
            "relation",
            "cameo",
            "family",
            "goldstein:float",
            "weight:int",
            "articles:int",
            "first_date:date",
            "last_date:date"
        ]
    );
    let nodes = crate::util::read_csv(&d.path("neo/actors.csv"));
    let ids: HashSet<&str> = nodes
        .iter()
        .map(|n| n["actorId:ID(Actor)"].as_str())
        .collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    let by_name: HashMap<&str, &HashMap<String, String>> =
        nodes.iter().map(|n| (n["name"].as_str(), n)).collect();
    assert_eq!(by_name["Russia"][":LABEL"], "Actor;State");
    assert!(by_name["Russia"]["mentions:int"].parse::<i64>().unwrap() > 0);
    let rels = crate::util::read_csv(&d.path("neo/relations.csv"));
    assert_eq!(rels.len() as i64, d.count("SELECT COUNT(*) FROM v_edges"));
    for r in &rels {
        assert!(
            ids.contains(r[":START_ID(Actor)"].as_str())
                && ids.contains(r[":END_ID(Actor)"].as_str())
        );
        assert_eq!(r[":TYPE"], r["relation"].to_uppercase());
        let date = &r["first_date:date"];
        assert!(
            date.is_empty() || (date.len() == 10 && date.as_bytes()[4] == b'-'),
            "{date}"
        );
        r["weight:int"].parse::<u32>().unwrap();
        r["goldstein:float"].parse::<f64>().unwrap();
    }
    let demand = rels
        .iter()
        .find(|r| r[":TYPE"] == "DEMAND")
        .expect("a DEMAND relationship");
    assert_eq!(
        (demand["cameo"].as_str(), demand["family"].as_str()),
        ("10", "verbal_conflict")
    );
}
