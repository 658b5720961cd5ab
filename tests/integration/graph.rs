//! `graph stats|path|neighbors|top` and the shared selection flags, on a small corpus written
//! here: Russia → NATO → France → Iran in 2022, China → Japan → Ukraine in 2023.

use crate::util::Dir;
use serde_json::Value;

const CORPUS: &str = r#"{"id": "a1", "date": "2022-01-10", "text": "Russia demanded guarantees from NATO. The Kremlin threatened NATO again."}
{"id": "a2", "date": "2022-02-01", "text": "NATO held talks with France in Brussels."}
{"id": "a3", "date": "2022-03-05", "text": "France imposed sanctions on Iran."}
{"id": "a4", "date": "2023-01-01", "text": "China criticized Japan over the islands."}
{"id": "a5", "date": "2023-02-01", "text": "Japan sent aid to Ukraine."}
"#;

pub fn corpus() -> Dir {
    let d = Dir::new();
    let f = d.write("news.jsonl", CORPUS);
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    // The chain the tests rely on, as extracted.
    assert_eq!(
        d.rows("SELECT source, relation, target FROM v_events ORDER BY id"),
        [
            ["Russia", "demand", "NATO"],
            ["Russia", "threaten", "NATO"],
            ["NATO", "consult", "France"],
            ["France", "reduce_relations", "Iran"],
            ["China", "disapprove", "Japan"],
            ["Japan", "provide_aid", "Ukraine"],
        ]
    );
    d
}

fn json(d: &Dir, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_slice(&d.run(&all).ok().stdout).unwrap()
}

fn column(rows: &[Value], key: &str) -> Vec<String> {
    rows.iter()
        .map(|r| r[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn path_follows_aliases_and_prints_each_hop_with_its_evidence() {
    let d = corpus();
    // "Moscow" never occurs in the articles: it resolves through the built-in dictionary.
    let hops = json(&d, &["graph", "path", "moscow", "IRAN"]);
    let got: Vec<[&str; 4]> = hops
        .iter()
        .map(|h| {
            [
                h["source"].as_str().unwrap(),
                h["relation"].as_str().unwrap(),
                h["target"].as_str().unwrap(),
                h["evidence"].as_str().unwrap(),
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "Russia",
                "demand",
                "NATO",
                "Russia demanded guarantees from NATO."
            ],
            [
                "NATO",
                "consult",
                "France",
                "NATO held talks with France in Brussels."
            ],
            [
                "France",
                "reduce_relations",
                "Iran",
                "France imposed sanctions on Iran."
            ],
        ]
    );
    let table = d.run(&["graph", "path", "the Kremlin", "Iran"]).ok();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.starts_with("Russia -demand-> NATO -consult-> France -reduce_relations-> Iran\n"),
        "{text}"
    );
}

#[test]
fn directed_paths_respect_direction_and_missing_paths_say_why() {
    let d = corpus();
    assert_eq!(json(&d, &["graph", "path", "Iran", "Russia"]).len(), 3);
    let r = d.run(&["graph", "path", "Iran", "Russia", "--directed"]);
    assert_eq!(r.code(), 2);
    assert!(
        r.stderr().contains("no chain of relations links Iran and Russia in the selected graph: try without --directed"),
        "{}",
        r.stderr()
    );
    let r = d.run(&["graph", "path", "Russia", "Japan"]);
    assert_eq!(r.code(), 2);
    let r = d.run(&["graph", "path", "Russsia", "Japan"]);
    assert_eq!(r.code(), 2);
    assert!(
        r.stderr()
            .contains("no actor named `Russsia` (by name, code or alias): did you mean `Russia`?"),
        "{}",
        r.stderr()
    );
}

#[test]
fn neighbors_reach_by_depth_in_either_direction() {
    let d = corpus();
    let one = json(&d, &["graph", "neighbors", "nato"]);
    assert_eq!(column(&one, "actor"), ["Russia", "France"]);
    assert_eq!(one[0]["relations"], "<- demand; <- threaten");
    let two = json(&d, &["graph", "neighbors", "NATO", "--depth", "2"]);
    assert_eq!(column(&two, "actor"), ["Russia", "France", "Iran"]);
    assert_eq!(two[2]["hops"], 2);
    assert_eq!(two[2]["via"], "France");
}

#[test]
fn selection_flags_narrow_every_answer() {
    let d = corpus();
    let conflict = json(&d, &["graph", "neighbors", "NATO", "--family", "conflict"]);
    assert_eq!(column(&conflict, "actor"), ["Russia"]);
    let since = json(&d, &["graph", "neighbors", "NATO", "--since", "2022-02"]);
    assert_eq!(column(&since, "actor"), ["France"]);
    let relation = json(
        &d,
        &["graph", "neighbors", "NATO", "--relation", "04,threaten"],
    );
    assert_eq!(column(&relation, "actor"), ["Russia", "France"]);
    assert_eq!(relation[0]["relations"], "<- threaten");

    let stat = |args: &[&str]| -> Vec<(String, Value)> {
        let mut all = vec!["graph", "stats"];
        all.extend(args);
        json(&d, &all)
            .into_iter()
            .map(|r| {
                (
                    r["measure"].as_str().unwrap().to_string(),
                    r["value"].clone(),
                )
            })
            .collect()
    };
    let all = stat(&[]);
    assert_eq!(
        all[..3],
        [
            ("nodes".into(), 7.into()),
            ("edges".into(), 6.into()),
            ("events".into(), 6.into())
        ]
    );
    assert_eq!(all[4], ("components".into(), 2.into()));
    assert_eq!(stat(&["--until", "2022"])[0], ("nodes".into(), 4.into()));
    assert_eq!(stat(&["--min-weight", "2"])[0], ("nodes".into(), 0.into()));
    assert_eq!(
        stat(&["--around", "Tokyo", "--hops", "1"])[0],
        ("nodes".into(), 3.into())
    );
    assert_eq!(
        stat(&["--type", "organization"])[0],
        ("nodes".into(), 0.into())
    );

    let r = d.run(&["graph", "stats", "--family", "friendly"]);
    assert_eq!(r.code(), 2);
    assert!(
        r.stderr().contains("unknown family `friendly`"),
        "{}",
        r.stderr()
    );
    let r = d.run(&["graph", "stats", "--since", "13/01/2022"]);
    assert!(
        r.stderr()
            .contains("--since 13/01/2022: write the date as YYYY-MM-DD"),
        "{}",
        r.stderr()
    );
}

#[test]
fn top_ranks_by_degree_and_betweenness() {
    let d = corpus();
    let degree = json(&d, &["graph", "top", "--by", "degree", "-n", "3"]);
    assert_eq!(column(&degree, "actor"), ["NATO", "France", "Japan"]);
    assert_eq!(degree[0]["degree"], 3);
    // Russia-NATO-France-Iran and China-Japan-Ukraine: 7 actors, C(6,2) = 15 other pairs.
    let between = json(&d, &["graph", "top", "--by", "betweenness", "-n", "3"]);
    assert_eq!(column(&between, "actor"), ["France", "NATO", "Japan"]);
    let scores: Vec<f64> = between
        .iter()
        .map(|r| r["betweenness"].as_f64().unwrap())
        .collect();
    assert_eq!(scores, [2.0 / 15.0, 2.0 / 15.0, 1.0 / 15.0]);
    let csv = d.run(&["graph", "top", "--format", "csv", "-n", "1"]).ok();
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("rank,actor,type,code,pagerank\n1,"));
}
