//! Criterion benches of the per-article stages: clean, sentence splitting, actor matching,
//! whole extraction. Input: the example articles in `examples/articles`, throughput in bytes.
//! Run with `cargo bench` (or `cargo bench -- extract` for one).

use actorgraph::dict::Dictionaries;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// The raw example articles (their plain-text bodies).
fn articles() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn stages(c: &mut Criterion) {
    let raw = articles();
    let cleaned: Vec<String> = raw.iter().map(|t| actorgraph::clean::clean(t)).collect();
    let bytes = cleaned.iter().map(|t| t.len() as u64).sum();
    let dicts = Dictionaries::builtin().expect("built-in dictionaries");
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("clean", |b| {
        b.iter(|| {
            raw.iter()
                .map(|t| actorgraph::clean::clean(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("split", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|t| actorgraph::extract::sentences::split(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("actors", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|t| dicts.actors.find(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|t| {
                    actorgraph::extract::extract(black_box(t), &dicts)
                        .events
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

fn dictionaries(c: &mut Criterion) {
    c.bench_function("dictionaries_load", |b| {
        b.iter(|| Dictionaries::builtin().unwrap())
    });
}

criterion_group!(benches, stages, dictionaries);
criterion_main!(benches);
