//! Huge, odd and hostile files: none crashes or hangs, and memory stays bounded.

use super::{assert_clean_errors, watched};
use crate::util::Dir;
use std::io::Write;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
/// Peak resident memory allowed for a run over huge inputs. These runs peak at 100-125 MB
/// with transparent huge pages, which mimalloc uses and which count whole 2 MB pages per
/// thread's arena (55-72 MB without them), so the bound leaves room for that. A 100 MB
/// article read whole would take more than 200 MB, a million records held at once far more.
const MEMORY_KB: u64 = 160 * 1024;

fn big_file(d: &Dir, rel: &str, head: &[u8], fill: u8, size: usize, tail: &[u8]) -> String {
    let p = d.path(rel);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    f.write_all(head).unwrap();
    let chunk = vec![fill; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        f.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    f.write_all(tail).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_100_mb_article_and_a_10_mb_line_are_skipped_with_a_message_in_bounded_memory() {
    let d = Dir::new();
    let huge = big_file(
        &d,
        "huge.txt",
        b"Russia warned NATO. ",
        b'a',
        100 << 20,
        b"",
    );
    let lines = big_file(
        &d,
        "lines.jsonl",
        b"{\"id\": \"l1\", \"text\": \"China criticized Japan.\"}\n{\"text\": \"",
        b'x',
        10 << 20,
        b"\"}\n{\"id\": \"l3\", \"text\": \"Iran threatened Israel.\"}\n",
    );
    let (run, peak) = watched(&d, &["ingest", &huge, &lines], LIMIT);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_clean_errors(&run);
    let err = run.stderr();
    assert!(
        err.contains("huge.txt: article larger than 8 MB (100.0 MB): skipped"),
        "{err}"
    );
    assert!(
        err.contains("lines.jsonl:2: article larger than 8 MB (10.0 MB): skipped"),
        "{err}"
    );
    assert_eq!(
        d.rows("SELECT ext_id FROM articles ORDER BY ext_id")
            .concat(),
        ["l1", "l3"]
    );
    assert!(peak < MEMORY_KB, "peak memory {peak} KB");
}

#[test]
fn a_jsonl_of_a_million_lines_streams() {
    let d = Dir::new();
    let p = d.path("million.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    for i in 1..=1_000_000u32 {
        if i % 10_000 == 0 {
            writeln!(
                f,
                "{{\"id\": \"m{i}\", \"text\": \"Article {i}: Russia met China.\"}}"
            )
            .unwrap();
        } else if i == 1_000_000 - 1 {
            writeln!(f, "{{\"id\": \"bad\"}}").unwrap();
        } else {
            // Filler: whitespace-only lines are skipped but still counted.
            writeln!(f, "{:80}", "").unwrap();
        }
    }
    drop(f);
    let (run, peak) = watched(&d, &["ingest", p.to_str().unwrap()], LIMIT);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("million.jsonl:999999: no text"),
        "{}",
        run.stderr()
    );
    assert_eq!(d.count("SELECT COUNT(*) FROM articles"), 100);
    assert_eq!(
        d.rows("SELECT origin FROM articles WHERE ext_id = 'm1000000'")[0][0],
        format!("{}:1000000", p.display())
    );
    assert!(peak < MEMORY_KB, "peak memory {peak} KB");
}

#[test]
fn deeply_nested_json_is_refused_not_a_stack_overflow() {
    let d = Dir::new();
    let deep = "[".repeat(200_000);
    let obj = format!(
        "{{\"text\": \"Russia met China.\", \"x\": {}}}",
        "{\"a\":".repeat(100_000)
    );
    let a = d.write("deep.json", &deep);
    let b = d.write(
        "deep.jsonl",
        format!("{deep}\n{obj}\n{{\"id\": \"ok\", \"text\": \"Iran warned Israel.\"}}\n"),
    );
    let (run, _) = watched(
        &d,
        &["ingest", a.to_str().unwrap(), b.to_str().unwrap()],
        LIMIT,
    );
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_clean_errors(&run);
    let err = run.stderr();
    assert!(
        err.contains("deep.json:1: malformed JSON: recursion limit exceeded"),
        "{err}"
    );
    assert!(
        err.contains("deep.jsonl:1: malformed JSON: recursion limit exceeded"),
        "{err}"
    );
    assert!(
        err.contains("deep.jsonl:2: malformed JSON: recursion limit exceeded"),
        "{err}"
    );
    assert_eq!(d.rows("SELECT ext_id FROM articles").concat(), ["ok"]);
}

#[test]
fn nul_bytes_bom_crlf_and_cr_line_endings() {
    let d = Dir::new();
    d.write("in/nul.txt", b"Russia\0 accused\0 NATO.\0".as_slice());
    d.write(
        "in/bom.txt",
        b"\xEF\xBB\xBFBom title\r\n\r\nChina criticized Japan.\r\n".as_slice(),
    );
    d.write(
        "in/cr.jsonl",
        b"\xEF\xBB\xBF{\"id\": \"cr1\", \"text\": \"Iran warned Israel.\\u0000\"}\r{\"id\": \"cr2\", \"text\": \"Egypt urged Ethiopia.\"}\r\r{\"id\": \"cr3\"}\r".as_slice(),
    );
    d.write(
        "in/crlf.csv",
        b"\xEF\xBB\xBFid,text\r\nv1,\"India met\r\nPakistan.\"\r\nv2,Poland thanked Lithuania.\r\n"
            .as_slice(),
    );
    d.write(
        "in/cr.txt",
        b"Cr title\r\rGermany praised France.\rThe end.".as_slice(),
    );
    let (run, _) = watched(&d, &["ingest", d.path("in").to_str().unwrap()], LIMIT);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("cr.jsonl:4: no text"),
        "{}",
        run.stderr()
    );
    let rows = d.rows("SELECT ext_id, coalesce(title, ''), text FROM articles ORDER BY ext_id");
    let got: Vec<[&str; 3]> = rows.iter().map(|r| [&*r[0], &*r[1], &*r[2]]).collect();
    assert_eq!(
        got,
        [
            ["bom", "Bom title", "China criticized Japan."],
            ["cr", "Cr title", "Germany praised France.\nThe end."],
            ["cr1", "", "Iran warned Israel."],
            ["cr2", "", "Egypt urged Ethiopia."],
            ["nul", "", "Russia accused NATO."],
            ["v1", "", "India met\nPakistan."],
            ["v2", "", "Poland thanked Lithuania."],
        ]
    );
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_files_are_decoded() {
    let d = Dir::new();
    let line = |id: &str| {
        format!("{{\"id\": \"{id}\", \"text\": \"Türkiye criticized Greece, {id}.\"}}\n")
    };
    d.write(
        "in/le.txt",
        utf16("Titel\n\nRussia accused NATO – «again».", true, true),
    );
    d.write(
        "in/be.jsonl",
        utf16(&(line("be1") + &line("be2")), false, true),
    );
    d.write("in/nobom.jsonl", utf16(&line("nb1"), true, false));
    d.write(
        "in/le.csv",
        utf16("id,text\ncs1,China criticized Japan.\n", true, true),
    );
    let (run, _) = watched(&d, &["ingest", d.path("in").to_str().unwrap()], LIMIT);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let rows = d.rows("SELECT ext_id, text FROM articles ORDER BY ext_id");
    let got: Vec<[&str; 2]> = rows.iter().map(|r| [&*r[0], &*r[1]]).collect();
    assert_eq!(
        got,
        [
            ["be1", "Türkiye criticized Greece, be1."],
            ["be2", "Türkiye criticized Greece, be2."],
            ["cs1", "China criticized Japan."],
            ["le", "Russia accused NATO – \"again\"."],
            ["nb1", "Türkiye criticized Greece, nb1."],
        ]
    );
}

#[test]
fn symlink_loops_fifos_and_unreadable_files_are_named_and_skipped() {
    let d = Dir::new();
    d.write("in/ok.txt", "Russia accused NATO of provocations.");
    std::os::unix::fs::symlink(d.path("in"), d.path("in/loop")).unwrap();
    // Root reads through chmod 000, so unreadability comes from the kernel instead: reading
    // /proc/self/mem at offset 0 fails with EIO for everyone.
    std::os::unix::fs::symlink("/proc/self/mem", d.path("in/mem.txt")).unwrap();
    std::os::unix::fs::symlink(d.path("nowhere.txt"), d.path("in/dangling.txt")).unwrap();
    let fifo = d.path("fifo.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (run, _) = watched(
        &d,
        &[
            "ingest",
            d.path("in").to_str().unwrap(),
            fifo.to_str().unwrap(),
        ],
        LIMIT,
    );
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_clean_errors(&run);
    let err = run.stderr();
    assert!(
        err.contains("in/loop: symbolic link loop: skipped"),
        "{err}"
    );
    assert!(
        err.contains("in/mem.txt: cannot read: Input/output error"),
        "{err}"
    );
    assert!(err.contains("in/dangling.txt: cannot read"), "{err}");
    assert!(err.contains("fifo.jsonl: not a regular file"), "{err}");
    assert_eq!(d.rows("SELECT ext_id FROM articles").concat(), ["ok"]);
}
