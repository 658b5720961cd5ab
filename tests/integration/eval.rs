use crate::util::{Dir, shared};

#[test]
fn eval_prints_per_relation_scores_and_errors() {
    let d = Dir::new();
    let gold = d.write(
        "gold.jsonl",
        r#"{"id": "g1", "title": "T", "date": "2024-01-01", "text": "Russia demanded guarantees from NATO. Japan praised India.", "actors": [{"name": "Russia", "code": "RUS", "aliases": ["Moscow"]}, {"name": "NATO", "code": "NATO", "aliases": []}, {"name": "China", "code": "CHN", "aliases": []}], "relations": [{"source": "Russia", "relation": "demand", "target": "NATO", "sentence": 1}, {"source": "China", "relation": "threaten", "target": "NATO", "sentence": 2}]}"#,
    );
    let out = d.run(&["eval", gold.to_str().unwrap(), "--errors"]).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    let demand = text.lines().find(|l| l.starts_with("demand")).unwrap();
    assert_eq!(
        demand.split_whitespace().collect::<Vec<_>>(),
        ["demand", "1", "1", "1", "1.000", "1.000", "1.000"]
    );
    assert!(
        text.contains("MISSED   g1 s2: China threaten NATO"),
        "{text}"
    );
    assert!(
        text.contains("SPURIOUS g1 s2: Japan diplomatic_cooperation India"),
        "{text}"
    );
}

#[test]
fn eval_runs_on_the_dev_set() {
    let d = Dir::new();
    let out = d
        .run(&["eval", shared("gold/dev.jsonl").to_str().unwrap()])
        .ok();
    let text = String::from_utf8_lossy(&out.stdout);
    let total = text
        .lines()
        .find(|l| l.starts_with("TOTAL"))
        .expect("a total line");
    let f1: f64 = total.split_whitespace().last().unwrap().parse().unwrap();
    assert!(f1 > 0.3, "{text}");
}
