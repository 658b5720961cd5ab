//! `actorgraph-gen N [--seed S]`: writes N synthetic news articles as JSON Lines on stdout,
//! for benchmarks. The same N and seed always give the same bytes.
//!
//! Articles mix event sentences (demands, threats, talks, sanctions, negations, modals, titled
//! people), filler sentences without events, page furniture for `clean` to drop, non-ASCII
//! names and about 2% exact repeats, so every stage of the ingest path does its real work.

use clap::Parser;
use std::io::{BufWriter, Write};

/// Write N synthetic articles as JSON Lines (deterministic from the seed).
#[derive(Debug, Parser)]
#[command(name = "actorgraph-gen")]
struct Args {
    /// How many articles.
    n: u64,
    /// The random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

const STATES: &[&str] = &[
    "Russia",
    "the United States",
    "China",
    "Germany",
    "France",
    "Iran",
    "Israel",
    "Ukraine",
    "Turkey",
    "India",
    "Pakistan",
    "Japan",
    "South Korea",
    "North Korea",
    "Brazil",
    "Mexico",
    "Egypt",
    "Ethiopia",
    "Saudi Arabia",
    "Qatar",
    "Poland",
    "Lithuania",
    "Serbia",
    "Kosovo",
    "Côte d'Ivoire",
    "Venezuela",
    "Colombia",
    "Nigeria",
    "Kenya",
    "Australia",
    "Canada",
    "the United Kingdom",
    "Italy",
    "Spain",
    "Greece",
    "Armenia",
    "Azerbaijan",
    "Syria",
    "Iraq",
    "Vietnam",
    "the Philippines",
    "Indonesia",
    "South Africa",
    "Sudan",
    "Mali",
    "Niger",
];
const ORGS: &[&str] = &[
    "NATO",
    "the European Union",
    "the United Nations",
    "the African Union",
    "the IMF",
    "the World Bank",
    "OPEC",
    "ASEAN",
    "the World Health Organization",
    "Hamas",
    "Hezbollah",
];
const CAPITALS: &[&str] = &[
    "Moscow",
    "Washington",
    "Beijing",
    "Berlin",
    "Paris",
    "Tehran",
    "Kyiv",
    "Ankara",
    "New Delhi",
    "Tokyo",
    "Brasília",
    "Cairo",
    "Riyadh",
    "Warsaw",
    "Nairobi",
    "Ottawa",
];
const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Chancellor",
    "Finance Minister",
    "Ambassador",
];
const FIRST: &[&str] = &[
    "Anna", "Mehmet", "Sergei", "Li", "Fatima", "João", "Kwame", "Olga", "Hiroshi", "Amira",
    "Pierre", "Ingrid", "Rahul", "Lucía", "Tomasz", "Nguyen", "Zoltán", "Aisha",
];
const LAST: &[&str] = &[
    "Petrova",
    "Yılmaz",
    "Ivanov",
    "Wei",
    "Haddad",
    "Silva",
    "Mensah",
    "Kovalenko",
    "Sato",
    "Nasser",
    "Dubois",
    "Larsen",
    "Sharma",
    "García",
    "Nowak",
    "Thanh",
    "Szabó",
    "Bello",
];
const EVENTS: &[&str] = &[
    "{A} demanded that {B} withdraw its troops from the border region.",
    "{A} threatened {B} with new sanctions if the talks fail.",
    "{A} accused {B} of violating the ceasefire agreement reached in {M}.",
    "{A} and {B} signed an agreement on energy cooperation on {D}.",
    "{A} praised {B} for its role in the negotiations.",
    "{A} rejected a proposal by {B} to hold new elections.",
    "{A} imposed sanctions on {B} over its nuclear programme.",
    "{A} urged {B} to resume talks on the disputed islands.",
    "{A} did not criticize {B}, officials said.",
    "{A} may impose tariffs on {B} next year, according to a draft seen by reporters.",
    "{P} said {A} would consider talks with {B} \"in the coming weeks\".",
    "{P} met {B}'s envoy in {C} on {D} to discuss trade.",
    "{A} condemned the attack and blamed {B} for the escalation.",
    "{A} offered humanitarian aid to {B} after the floods.",
    "Troops from {A} attacked positions held by {B} near the frontier, the ministry said.",
    "{A} expelled two diplomats from {B}, citing espionage.",
    "\u{201c}We will not accept these demands,\u{201d} {P} told reporters in {C}.",
];
const FILLER: &[&str] = &[
    "The meeting lasted about {N} hours, according to a statement released after the session.",
    "Markets in {C} closed {N} percent higher on {W} as investors weighed the news.",
    "Analysts said bad weather had delayed shipments across the region for {N} days.",
    "The ministry did not respond to a request for comment.",
    "Officials expect the figures to be revised in {M}, when new data become available.",
    "The report, which runs to {N} pages, was published on {D}.",
    "Local media reported long queues at petrol stations in {C} on {W}.",
    "Inflation rose to {N} percent in {M}, the highest level in a decade.",
    "Some {N},000 people attended the rally, organisers said, though police gave a lower figure.",
    "The talks are expected to continue next week in {C}.",
    "Critics say the plan does little to address the underlying causes of the crisis.",
    "Schools in the capital will remain closed until {W}, the city council said.",
];
const FURNITURE: &[&str] = &[
    "Advertisement",
    "Story continues below advertisement",
    "Share this article",
    "Read more:",
    "***",
];
const OUTLETS: &[&str] = &[
    "Wire",
    "Daily Courier",
    "Global Post",
    "Le Monde (EN)",
    "The Tribune",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// SplitMix64: a stable, documented sequence, so a seed means the same corpus everywhere
/// (crate RNGs do not promise stable streams across versions).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut last = String::new();
    for i in 0..args.n {
        // About 2% of records repeat the previous text under a new id: dedup's work.
        let text = if i > 0 && rng.chance(2) {
            last.clone()
        } else {
            body(&mut rng)
        };
        // Ids and URLs carry the seed: a corpus from another seed is new articles, as a later
        // batch from a feed would be, not other texts under ids already stored.
        let record = serde_json::json!({
            "id": format!("gen-{}-{i}", args.seed),
            "title": fill(&mut rng, "{A} and {B}: {M} talks"),
            "date": format!("20{:02}-{:02}-{:02}", 10 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28)),
            "source": rng.pick(OUTLETS),
            "url": format!("https://news.example/{}/{i}", args.seed),
            "text": text,
        });
        match writeln!(out, "{record}") {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            r => r?,
        }
        last = text;
    }
    out.flush()
}

/// One article (about 3 KB, a short wire story): a dateline, 6-11 paragraphs of 3-5
/// sentences, furniture between some of them.
fn body(rng: &mut Rng) -> String {
    let mut text = format!(
        "{} ({}) - ",
        rng.pick(CAPITALS).to_uppercase(),
        rng.pick(OUTLETS)
    );
    for p in 0..6 + rng.below(6) {
        if p > 0 {
            text.push_str("\n\n");
            if rng.chance(25) {
                text.push_str(rng.pick(FURNITURE));
                text.push_str("\n\n");
            }
        }
        for s in 0..3 + rng.below(3) {
            if s > 0 {
                text.push(' ');
            }
            let template = if rng.chance(40) {
                rng.pick(EVENTS)
            } else {
                rng.pick(FILLER)
            };
            text.push_str(&fill(rng, template));
        }
    }
    text
}

/// Replaces the placeholders of a template: {A} {B} actors, {P} a titled person, {C} a city,
/// {D} a date, {M} a month, {W} a weekday, {N} a number.
fn fill(rng: &mut Rng, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    let mut first = "";
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = &rest[open + 1..open + 2];
        rest = &rest[open + 3..];
        match key {
            "A" => {
                first = actor(rng);
                out.push_str(first);
            }
            "B" => out.push_str(other(rng, first)),
            "P" => {
                let (t, f, l) = (rng.pick(TITLES), rng.pick(FIRST), rng.pick(LAST));
                out.push_str(&format!("{}'s {t} {f} {l}", actor(rng)));
            }
            "C" => out.push_str(rng.pick(CAPITALS)),
            "D" => out.push_str(&format!("{} {}", rng.pick(MONTHS), 1 + rng.below(28))),
            "M" => out.push_str(rng.pick(MONTHS)),
            "W" => out.push_str(rng.pick(WEEKDAYS)),
            _ => out.push_str(&(2 + rng.below(97)).to_string()),
        }
    }
    out.push_str(rest);
    capitalize_start(out)
}

fn actor(rng: &mut Rng) -> &'static str {
    if rng.chance(75) {
        rng.pick(STATES)
    } else {
        rng.pick(ORGS)
    }
}

/// "the United States said" at a sentence start becomes "The United States said".
/// An actor other than `not` (nobody accuses themselves).
fn other(rng: &mut Rng, not: &str) -> &'static str {
    loop {
        let a = actor(rng);
        if a != not {
            return a;
        }
    }
}

fn capitalize_start(mut s: String) -> String {
    if let Some(rest) = s.strip_prefix("the ") {
        s = format!("The {rest}");
    }
    s
}
