//! User dictionaries: PETRARCH/Phoenix actor and agent files, dated codes, relation CSVs,
//! and the `dict` command.

use crate::util::{Dir, shared};
use actorgraph::dict::{Dictionaries, Input, Kind};

/// A PETRARCH-format actor file: one person whose code changes with the date.
const FIXTURE: &str = "# test fixture <!-- with a comment -->\n\
ZORLAND_ [ZOR]\n\
+ZORLANDIAN_\n\
IVAN_PETROV_\n\
+PETROV_\n\
\t[ZORELI 900101-041231]\n\
\t[ZORGOV 050101-091231]\n\
\t[ZORELI]\n";

fn phoenix(file: &str) -> String {
    let p = shared(&format!("dictionaries/{file}"));
    p.to_str().unwrap().to_string()
}

fn input(name: &str, kind: Kind, bytes: impl Into<Vec<u8>>) -> Input {
    Input {
        name: name.into(),
        kind,
        bytes: bytes.into(),
    }
}

#[test]
fn all_four_phoenix_files_load_together_and_are_recorded() {
    let d = Dir::new();
    let art = d.write("a.txt", "Talks\n\nPutin met Ban Ki-moon in Moscow.\n");
    let (c, i, m, a) = (
        phoenix("Phoenix.Countries.actors.txt"),
        phoenix("Phoenix.International.actors.txt"),
        phoenix("Phoenix.MilNonState.actors.txt"),
        phoenix("Phoenix.agents.txt"),
    );
    let run = d.run(&[
        "ingest",
        art.to_str().unwrap(),
        "--actors",
        &c,
        "--actors",
        &i,
        "--actors",
        &m,
        "--agents",
        &a,
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // The known typos of the files are reported with their lines, not fatal.
    assert!(
        run.stderr()
            .contains("International.actors.txt: 4 malformed line(s) skipped (line 40:"),
        "{}",
        run.stderr()
    );
    let recorded = d.rows(
        "SELECT d.kind, d.format, d.entries, length(d.content) > 0 FROM dictionaries_in_force f
           JOIN dictionaries d ON d.id = f.dictionary_id WHERE d.format = 'petrarch' ORDER BY f.position",
    );
    let kinds: Vec<(&str, i64)> = recorded
        .iter()
        .map(|r| (r[0].as_str(), r[2].parse().unwrap()))
        .collect();
    assert_eq!(kinds.len(), 4, "{recorded:?}");
    assert!(
        kinds[..3].iter().all(|(k, n)| *k == "actors" && *n > 1000),
        "{kinds:?}"
    );
    assert_eq!(kinds[3].0, "agents");
    assert!(recorded.iter().all(|r| r[3] == "1"), "contents are stored");
    // `dict show` without flags uses the recorded set: Putin's code follows the date.
    let show = |date: &str| {
        d.run(&["dict", "show", "Putin", "--date", date])
            .ok()
            .stdout
    };
    let s2005 = String::from_utf8(show("2005-06-01")).unwrap();
    assert!(s2005.contains("code: RUSGOV (on 2005-06-01)"), "{s2005}");
    assert!(s2005.contains("Phoenix.Countries.actors.txt:"), "{s2005}");
    let s1995 = String::from_utf8(show("1995-06-01")).unwrap();
    assert!(s1995.contains("code: RUSELI (on 1995-06-01)"), "{s1995}");
    let list = String::from_utf8(d.run(&["dict", "list"]).ok().stdout).unwrap();
    assert!(
        list.contains("Phoenix.agents.txt") && list.contains("builtin:actors.csv"),
        "{list}"
    );
}

#[test]
fn the_article_date_picks_the_dated_code() {
    let dicts = Dictionaries::from_inputs(&[input("fx.txt", Kind::Actors, FIXTURE)]).unwrap();
    let articles = [
        ("2003-03-01", "Petrov criticized Zorland's neighbours."),
        ("2007-07-01", "IVAN PETROV visited the capital."),
    ];
    let codes: Vec<&str> = articles
        .iter()
        .map(|(date, text)| {
            let hit = dicts.actors.find(text)[0];
            assert_eq!(dicts.actors.actor(hit.entry).name, "Ivan Petrov");
            dicts.actors.code_at(hit.entry, Some(date))
        })
        .collect();
    assert_eq!(codes, ["ZORELI", "ZORGOV"]);
    let hit = dicts.actors.find("Petrov spoke.")[0];
    assert_eq!(
        dicts.actors.code_at(hit.entry, None),
        "ZORELI",
        "undated fallback"
    );
    assert_eq!(
        dicts.actors.code_at(hit.entry, Some("2012-01-01")),
        "ZORELI"
    );

    // The same through the command line.
    let d = Dir::new();
    let fx = d.write("fx.txt", FIXTURE);
    let show = |date: &str| {
        let out = d.run(&[
            "dict",
            "show",
            "Petrov",
            "--date",
            date,
            "--actors",
            fx.to_str().unwrap(),
        ]);
        String::from_utf8(out.ok().stdout).unwrap()
    };
    let early = show("2003-03-01");
    assert!(early.contains("code: ZORELI (on 2003-03-01)"), "{early}");
    assert!(
        early.contains("form: PETROV (any case, capitalized) at"),
        "{early}"
    );
    assert!(early.contains("fx.txt:5"), "the synonym's line: {early}");
    assert!(show("2007-07-01").contains("code: ZORGOV (on 2007-07-01)"));
}

#[test]
fn agent_words_turn_a_state_code_into_its_government_or_military() {
    let agents = std::fs::read(shared("dictionaries/Phoenix.agents.txt")).unwrap();
    let dicts = Dictionaries::from_inputs(&[input("agents", Kind::Agents, agents)]).unwrap();
    let qualified = |text: &str| {
        let hit = dicts.actors.find(text)[0];
        let code = dicts.actors.code_at(hit.entry, None);
        dicts.agents.qualify(code, &text[hit.end..])
    };
    assert_eq!(
        qualified("Russian troops crossed").as_deref(),
        Some("RUSMIL")
    );
    assert_eq!(qualified("Iranian government").as_deref(), Some("IRNGOV"));
    assert_eq!(qualified("Russian military").as_deref(), Some("RUSMIL"));
    assert_eq!(qualified("Russian ballet dancers"), None);

    let d = Dir::new();
    let a = phoenix("Phoenix.agents.txt");
    let out = d
        .run(&[
            "dict",
            "show",
            "Iranian",
            "--near",
            "government",
            "--agents",
            &a,
        ])
        .ok();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("with 'government': IRNGOV"), "{out}");
}

#[test]
fn dict_check_names_the_malformed_line() {
    let d = Dir::new();
    let f = d.write(
        "bad.txt",
        "GOOD_ACTOR_ [AAA]\n+GOOD_\nBROKEN_ACTOR_ [BBB 2004017-20061201]\nOTHER_ [CCC]\n+GOOD_\n",
    );
    let run = d.run(&["dict", "check", f.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    let out = run.stdout();
    assert!(
        out.contains("bad.txt:3: error: '2004017' is not a date"),
        "{out}"
    );
    assert!(
        out.contains("bad.txt:5: warning: conflicting codes: 'GOOD' is CCC here but AAA on line 2"),
        "{out}"
    );
    assert!(out.contains("1 error(s), 1 warning(s)"), "{out}");
    let ok = d.write("ok.txt", FIXTURE);
    assert_eq!(d.run(&["dict", "check", ok.to_str().unwrap()]).code(), 0);
}

#[test]
fn user_relations_add_triggers_and_rebuild_reuses_recorded_dictionaries() {
    let d = Dir::new();
    let art = d.write("a.txt", "Snub\n\nRussia snubbed Zorland on Monday.\n");
    let rel = d.write(
        "rel.csv",
        "phrase,relation,notes\nsnubbed|snubs,reject,test\n",
    );
    let actors = d.write(
        "zor.csv",
        "name,code,type,country,aliases\nZorland,ZOR,state,ZOR,\n",
    );
    let (art, rel, actors) = (
        art.to_str().unwrap(),
        rel.to_str().unwrap(),
        actors.to_str().unwrap(),
    );
    d.run(&["ingest", art, "--actors", actors, "--relations", rel])
        .ok();
    let edges = "SELECT source, relation, target FROM v_events";
    let want = vec![vec![
        "Russia".to_string(),
        "reject".into(),
        "Zorland".into(),
    ]];
    assert_eq!(d.rows(edges), want);
    // The files may be gone: rebuild reads the stored copies.
    std::fs::remove_file(rel).unwrap();
    std::fs::remove_file(actors).unwrap();
    d.run(&["rebuild"]).ok();
    assert_eq!(d.rows(edges), want);
    d.run(&["rebuild", "--builtin"]).ok();
    assert!(d.rows(edges).is_empty());
}

/// Extraction uses the article's date for dated codes and agent words next to a mention.
#[test]
fn extraction_carries_dated_and_agent_qualified_codes_on_events() {
    let agents = "GOVERNMENT [~GOV]\nTROOPS [~MIL]\n";
    let dicts = Dictionaries::from_inputs(&[
        input("zor.txt", Kind::Actors, FIXTURE),
        input("agents.txt", Kind::Agents, agents),
    ])
    .unwrap();
    let codes = |text: &str, date: &str| {
        let ex = actorgraph::extract::extract_dated(text, &dicts, Some(date));
        ex.events
            .iter()
            .map(|e| {
                let s = e
                    .source_code
                    .clone()
                    .unwrap_or_else(|| ex.actors[e.source].code.clone());
                let t = e
                    .target_code
                    .clone()
                    .unwrap_or_else(|| ex.actors[e.target].code.clone());
                (s, e.relation.name().to_string(), t)
            })
            .collect::<Vec<_>>()
    };
    let t = "Petrov criticized Norway.";
    assert_eq!(codes(t, "1995-03-01")[0].0, "ZORELI");
    assert_eq!(codes(t, "2007-03-01")[0].0, "ZORGOV");
    let ev = codes("Zorlandian troops attacked Norway.", "2020-01-01");
    assert_eq!(
        ev[0],
        ("ZORMIL".to_string(), "fight".to_string(), "NOR".to_string())
    );
}

/// Two articles, two dates, two codes in events.csv; an agent word gives the military code.
#[test]
fn events_csv_exports_dated_and_agent_codes() {
    let d = Dir::new();
    let fx = d.write("fx.txt", FIXTURE);
    let agents = d.write("agents.txt", "TROOPS [~MIL]\n");
    let feed = d.write(
        "feed.jsonl",
        "{\"id\": \"old\", \"date\": \"1995-03-01\", \"text\": \"Petrov criticized Norway.\"}\n\
         {\"id\": \"new\", \"date\": \"2007-03-01\", \"text\": \"Petrov criticized Norway again.\"}\n\
         {\"id\": \"mil\", \"date\": \"2020-01-01\", \"text\": \"Zorlandian troops attacked Norway.\"}\n",
    );
    let (fx, agents, feed) = (
        fx.to_str().unwrap(),
        agents.to_str().unwrap(),
        feed.to_str().unwrap(),
    );
    d.run(&["ingest", feed, "--actors", fx, "--agents", agents])
        .ok();
    d.run(&["export", "--format", "csv", "--out", "out"]).ok();
    let events = crate::util::read_csv(&d.path("out/events.csv"));
    let code = |article: &str| {
        let e = events
            .iter()
            .find(|e| e["article"] == article)
            .unwrap_or_else(|| panic!("{events:#?}"));
        (
            e["source"].clone(),
            e["source_code"].clone(),
            e["target_code"].clone(),
        )
    };
    assert_eq!(
        code("old"),
        ("Ivan Petrov".into(), "ZORELI".into(), "NOR".into())
    );
    assert_eq!(
        code("new"),
        ("Ivan Petrov".into(), "ZORGOV".into(), "NOR".into())
    );
    assert_eq!(code("mil").1, "ZORMIL");
}
