use crate::util::{Dir, read_csv};

fn ingested() -> Dir {
    let d = Dir::new();
    let f = d.write(
        "a.txt",
        "Story\n\nRussia demanded guarantees from NATO. China and Russia criticized the \"West\" sharply.\nFrance imposed sanctions on Iran.",
    );
    d.run(&["ingest", f.to_str().unwrap()]).ok();
    d
}

#[test]
fn csv_export_has_the_contract_columns_and_consistent_ids() {
    let d = ingested();
    d.run(&["export", "--format", "csv", "--out", "out"]).ok();
    let header = |f: &str| {
        std::fs::read_to_string(d.path(f))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        header("out/nodes.csv"),
        "Id,Label,type,code,country,mentions,degree,pagerank"
    );
    assert_eq!(
        header("out/edges.csv"),
        "Source,Target,Type,Label,relation,cameo,weight,articles,first_date,last_date,Kind"
    );
    assert!(header("out/events.csv").starts_with(
        "article,sentence,source,source_code,relation,cameo,target,target_code,evidence"
    ));
    let nodes = read_csv(&d.path("out/nodes.csv"));
    let edges = read_csv(&d.path("out/edges.csv"));
    for e in &edges {
        assert!(
            nodes.iter().any(|n| n["Id"] == e["Source"])
                && nodes.iter().any(|n| n["Id"] == e["Target"])
        );
        assert_eq!(e["Type"], "Directed");
    }
    let events = read_csv(&d.path("out/events.csv"));
    let demand = events
        .iter()
        .find(|e| e["relation"] == "demand")
        .expect("a demand event");
    assert_eq!(
        (
            demand["source"].as_str(),
            demand["target"].as_str(),
            demand["cameo"].as_str()
        ),
        ("Russia", "NATO", "10")
    );
    assert_eq!(demand["evidence"], "Russia demanded guarantees from NATO.");
}

#[test]
fn dot_export_renders_without_warnings() {
    let d = ingested();
    // A hostile actor name must not break the DOT syntax.
    let actors = d.write(
        "hostile.csv",
        "name,code,type,country,aliases\n\"Evil \"\"Quote\"\" \\ <b>\",EVL,group,,Evilcorp\n",
    );
    let f = d.write("b.txt", "Story\n\nEvilcorp attacked Russia.");
    d.run(&[
        "ingest",
        "--actors",
        actors.to_str().unwrap(),
        f.to_str().unwrap(),
    ])
    .ok();
    d.run(&["export", "--format", "dot", "--out", "g.dot"]).ok();
    let dot = std::fs::read_to_string(d.path("g.dot")).unwrap();
    assert!(dot.starts_with("digraph actorgraph {"));
    assert!(dot.contains(r#"label="Evil \"Quote\" \\ <b>""#), "{dot}");
    let Ok(out) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(d.path("g.dot"))
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "graphviz must be installed in CI"
        );
        eprintln!("skipping render: graphviz is not installed");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn dot_to_stdout_and_closed_pipe_is_not_an_error() {
    let d = ingested();
    let out = d.run(&["export", "--format", "dot", "--out", "-"]).ok();
    assert!(String::from_utf8_lossy(&out.stdout).contains("->"));
}
