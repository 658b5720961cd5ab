//! Stage 3, extract: cleaned text → sentences, actors, mentions and events. Pure: no I/O.
//!
//! Per sentence, in order: dictionary actors, titled people (and their `member_of` edges),
//! later references to people (surname, misspelling, pronoun), anaphoric acts ("these
//! demands"), then relations. State carried across sentences stays inside one article.

mod args;
mod coref;
pub mod people;
pub mod relations;
pub mod sentences;
pub mod tokens;
pub mod view;

use crate::dict::WordHit;
use crate::dict::{ActorHit, Dictionaries, Form, WordHits};
use crate::model::{Actor, ActorKind, Event, Extraction, Mention, Relation, Sentence};
use relations::Found;
// foldhash: these maps are keyed by names and looked up per mention; SipHash was 1.7% of all
// instructions (callgrind, 2,000 articles).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use view::{Local, View};

/// Extracts everything from one cleaned article.
pub fn extract(text: &str, dicts: &Dictionaries) -> Extraction {
    extract_dated(text, dicts, None)
}

/// Extracts from one cleaned article published on `date` (ISO `YYYY-MM-DD`), which picks
/// date-restricted dictionary codes.
pub fn extract_dated(text: &str, dicts: &Dictionaries, date: Option<&str>) -> Extraction {
    let sentences = sentences::split(text);
    let (mut st, words) = ArticleState::new(text, dicts, &sentences);
    st.date = date;
    for ((i, s), words) in sentences.iter().enumerate().zip(words) {
        st.sentence(i, *s, words);
    }
    st.out.sentences = sentences;
    st.out
}

/// What one article's extraction remembers from sentence to sentence.
struct ArticleState<'a> {
    text: &'a str,
    dicts: &'a Dictionaries,
    out: Extraction,
    index: HashMap<String, usize>,
    last_person: Option<usize>,
    members: HashSet<usize>,
    /// The state mentioned most in the article: the home of a bare title.
    dominant: Option<usize>,
    /// The article's date, for date-restricted codes.
    date: Option<&'a str>,
    /// (relation, source actor) of earlier events, for "these demands".
    past: Vec<(Relation, usize)>,
    /// Each sentence's dictionary actor hits, found once for the dominant state and
    /// taken by the sentence pass.
    hits: Vec<Vec<ActorHit>>,
    /// People named with a title so far, with the title's words in lower case, for "the
    /// minister" later on.
    titles: Vec<(usize, Vec<String>)>,
}

impl<'a> ArticleState<'a> {
    /// The state before the first sentence, and each sentence in lower case with its
    /// lexicon hits (found in the same search as its actor hits), for the sentence pass.
    fn new(
        text: &'a str,
        dicts: &'a Dictionaries,
        sentences: &[Sentence],
    ) -> (ArticleState<'a>, Vec<(String, WordHits<'a>)>) {
        let mut hits = Vec::with_capacity(sentences.len());
        let mut words = Vec::with_capacity(sentences.len());
        for s in sentences {
            let s = &text[s.start..s.end];
            let lower = s.to_ascii_lowercase();
            let (h, w) = dicts.sentence_scan(s, &lower);
            hits.push(h);
            words.push((lower, w));
        }
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for h in hits.iter().flatten() {
            if dicts.actors.actor(h.entry).kind == ActorKind::State {
                *counts.entry(h.entry).or_default() += 1;
            }
        }
        // A bare title belongs to the article's main state only when one state clearly
        // dominates (strictly more mentions than any other, and at least three).
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_by_key(|&(e, n)| (std::cmp::Reverse(n), e));
        let dominant = match ranked.as_slice() {
            [(e, n), rest @ ..] if *n >= 3 && rest.first().is_none_or(|r| r.1 < *n) => Some(*e),
            _ => None,
        };
        let st = ArticleState {
            text,
            dicts,
            out: Extraction::default(),
            index: HashMap::new(),
            last_person: None,
            members: HashSet::new(),
            dominant,
            past: Vec::new(),
            date: None,
            hits,
            titles: Vec::new(),
        };
        (st, words)
    }

    /// The article-local index of an actor, adding it on first use.
    fn actor(&mut self, actor: Actor) -> usize {
        if let Some(&i) = self.index.get(&actor.name) {
            if self.out.actors[i].code.is_empty() && !actor.code.is_empty() {
                self.out.actors[i].code = actor.code;
                self.out.actors[i].country = actor.country;
            }
            return i;
        }
        let i = self.out.actors.len();
        self.index.insert(actor.name.clone(), i);
        self.out.actors.push(actor);
        i
    }

    /// [`Self::actor`] for a dictionary entry, copied only when the article meets it first
    /// (most hits repeat an actor already met).
    fn dict_actor(&mut self, entry: usize) -> usize {
        let actor = self.dicts.actors.actor(entry);
        match self.index.get(&actor.name) {
            Some(&i) if !self.out.actors[i].code.is_empty() || actor.code.is_empty() => i,
            _ => self.actor(actor.clone()),
        }
    }

    /// `scanned`: the sentence in lower case and its lexicon hits.
    fn sentence(&mut self, si: usize, sent: Sentence, scanned: (String, WordHits<'a>)) {
        let s = &self.text[sent.start..sent.end];
        let toks = tokens::tokenize(s);
        let (lower, words) = scanned;
        let masks = bracket_spans(s);
        let masked = |a: usize, b: usize| masks.iter().any(|&(x, y)| a < y && x < b);
        let hits: Vec<_> = std::mem::take(&mut self.hits[si])
            .into_iter()
            .filter(|h| !masked(h.start, h.end))
            .map(|h| self.without_title(s, &toks, h))
            .collect();
        let titled: Vec<_> = people::find_titled(s, &toks, &hits, &words.roles, self.dicts)
            .into_iter()
            .filter(|t| !masked(t.name_start, t.name_end))
            .collect();
        let mut locals = self.titled_people(si, sent.start, s, &titled, &hits);
        self.described_people(s, &toks, &words.roles, &titled, &mut locals);
        for h in &hits {
            if !locals.iter().any(|l| l.start < h.end && h.start < l.end) {
                let a = self.dict_actor(h.entry);
                let code = self.code_here(s, &toks, h);
                locals.push(Local {
                    start: h.start,
                    end: h.end,
                    name: (h.start, h.end),
                    actor: a,
                    anaphor_of: None,
                    weak: false,
                    code,
                    crowd: false,
                });
            }
        }
        self.crowds(s, &toks, &words.crowds, &mut locals);
        self.descriptions(&words.anaphors, &mut locals);
        coref::resolve(
            s,
            &toks,
            &masks,
            &self.out.actors,
            self.last_person,
            &mut locals,
        );
        let cues = words.cues;
        let bare = View {
            s,
            lower: &lower,
            toks: &toks,
            mentions: &[],
            triggers: &[],
            cues: &cues,
            actors: &self.out.actors,
            gaps: Default::default(),
        };
        let mut triggers: Vec<_> = (words.triggers.into_iter())
            .filter(|t| !masked(t.start, t.end))
            .filter(|t| {
                !titled
                    .iter()
                    .any(|p| t.start < p.title_end && p.title_start < t.end)
            })
            .filter_map(|t| relations::choose(&bare, &t))
            .collect();
        self.anaphors(s, &toks, &mut triggers, &mut locals);
        locals.sort_by_key(|l| (l.start, std::cmp::Reverse(l.end)));
        let mut last_end = 0;
        locals.retain(|l| {
            let keep = l.start >= last_end;
            last_end = last_end.max(l.end);
            keep
        });
        let view = View {
            s,
            lower: &lower,
            toks: &toks,
            mentions: &locals,
            triggers: &triggers,
            cues: &cues,
            actors: &self.out.actors,
            gaps: Default::default(),
        };
        let found = relations::find(&view);
        self.record(si, sent.start, &locals, found);
    }

    /// Unnamed crowds ("Kazakh protesters", "demonstrators ... in Yerevan"): a group actor of
    /// the state their demonym, their place or the article names.
    fn crowds(
        &mut self,
        s: &str,
        toks: &[tokens::Token],
        crowds: &[WordHit<()>],
        locals: &mut Vec<Local>,
    ) {
        for c in crowds {
            if locals.iter().any(|l| l.start < c.end && c.start < l.end) {
                continue;
            }
            let k = toks.partition_point(|t| t.end <= c.start);
            let state_of = |l: &Local| self.out.actors[l.actor].kind == ActorKind::State;
            let demonym = k.checked_sub(1).and_then(|j| {
                locals
                    .iter()
                    .position(|l| l.end == toks[j].end && state_of(l) && !l.weak)
            });
            let place = locals.iter().find(|l| {
                state_of(l) && l.start > c.end && s[..l.start].trim_end().ends_with(" in")
            });
            let state = match (demonym, place) {
                (Some(d), _) => locals[d].actor,
                (None, Some(p)) => p.actor,
                (None, None) => match self.dominant {
                    Some(e) => self.dict_actor(e),
                    None => continue,
                },
            };
            let home = self.out.actors[state].clone();
            let start = demonym.map_or(c.start, |d| locals[d].start);
            let label = match demonym {
                Some(_) => s[start..c.end].to_string(),
                None => format!("{} {}", home.name, s[c.start..c.end].to_lowercase()),
            };
            let mut name: Vec<char> = label.chars().collect();
            name[0] = name[0].to_ascii_uppercase();
            let actor = Actor {
                name: name.into_iter().collect(),
                code: home.code.clone(),
                kind: ActorKind::Group,
                country: Some(home.code),
            };
            let a = self.actor(actor);
            if let Some(d) = demonym {
                locals.remove(d);
            }
            locals.push(Local {
                start,
                end: c.end,
                name: (start, c.end),
                actor: a,
                anaphor_of: None,
                weak: false,
                code: None,
                crowd: true,
            });
        }
    }

    /// "the bloc", "the militants": the actor of that kind named last (earlier in this
    /// sentence, else in the article), as a weak mention.
    fn descriptions(&self, anaphors: &[WordHit<ActorKind>], locals: &mut Vec<Local>) {
        for d in anaphors {
            if locals.iter().any(|l| l.start < d.end && d.start < l.end) {
                continue;
            }
            let kind = *d.value;
            let here = locals
                .iter()
                .filter(|l| l.end <= d.start && self.out.actors[l.actor].kind == kind)
                .max_by_key(|l| l.end)
                .map(|l| l.actor);
            let before = self
                .out
                .mentions
                .iter()
                .rev()
                .map(|m| m.actor)
                .find(|&a| self.out.actors[a].kind == kind);
            if let Some(actor) = here.or(before) {
                locals.push(Local {
                    start: d.start,
                    end: d.end,
                    name: (d.start, d.end),
                    actor,
                    anaphor_of: None,
                    weak: true,
                    code: None,
                    crowd: false,
                });
            }
        }
    }

    /// A person's dictionary form that includes a title ("PRESIDENT JOE BIDEN" in PETRARCH
    /// files) is cut to the name, so the title is still read as one.
    fn without_title(
        &self,
        s: &str,
        toks: &[tokens::Token],
        mut h: crate::dict::ActorHit,
    ) -> crate::dict::ActorHit {
        if self.dicts.actors.actor(h.entry).kind != ActorKind::Person {
            return h;
        }
        let role = self
            .dicts
            .roles
            .find(&s[h.start..h.end])
            .into_iter()
            .find(|r| r.start == 0);
        if let Some(r) = role {
            let cut = h.start + r.end;
            if let Some(t) = toks.iter().find(|t| t.start >= cut && t.end <= h.end) {
                h.start = t.start;
            }
        }
        h
    }

    /// The code a dictionary mention carries here, when it differs from the actor's own: the
    /// dated code for the article's date, qualified by an agent word next to it ("Russian
    /// troops", "the government of Iran").
    fn code_here(
        &self,
        s: &str,
        toks: &[tokens::Token],
        h: &crate::dict::ActorHit,
    ) -> Option<String> {
        let base = self.dicts.actors.code_at(h.entry, self.date);
        let k = toks.partition_point(|t| t.start < h.end);
        let after_end = toks[k..]
            .iter()
            .take(2)
            .take_while(|t| t.word)
            .last()
            .map_or(h.end, |t| t.end);
        let before = toks[..toks.partition_point(|t| t.end <= h.start)]
            .iter()
            .rev()
            .take(3)
            .map(|t| t.start)
            .next_back();
        let of_before = k > 0 && s[..h.start].trim_end().ends_with(" of");
        let qualified = self
            .dicts
            .agents
            .qualify(base, &s[h.end..after_end])
            .or_else(|| {
                of_before
                    .then(|| before.and_then(|b| self.dicts.agents.qualify(base, &s[b..h.start])))
                    .flatten()
            });
        let code = qualified.unwrap_or_else(|| base.to_string());
        (code != self.dicts.actors.actor(h.entry).code).then_some(code)
    }

    /// Adds titled people, their mentions and their `member_of` events.
    fn titled_people(
        &mut self,
        si: usize,
        base: usize,
        s: &str,
        titled: &[people::Titled],
        hits: &[crate::dict::ActorHit],
    ) -> Vec<Local> {
        let mut locals = Vec::new();
        for t in titled {
            let known = hits
                .iter()
                .find(|h| h.start == t.name_start && h.end == t.name_end);
            // A known person's own dictionary code says whom they act for ("President Zelensky").
            // A CAMEO code such as USAGOV names its state in its first three letters.
            let own = known.and_then(|h| {
                let code = &self.dicts.actors.actor(h.entry).code;
                let state = code
                    .get(..3)
                    .and_then(|c| self.dicts.actors.lookup(c))
                    .filter(|&e| self.dicts.actors.actor(e).kind == ActorKind::State);
                state
                    .or_else(|| self.dicts.actors.lookup(code))
                    .filter(|&e| e != h.entry)
            });
            let home = t.affiliation.or_else(|| {
                t.title_country
                    .as_deref()
                    .and_then(|c| self.dicts.actors.lookup(c))
            });
            let (home, rule, conf) = match (home, own) {
                (Some(h), _) => (Some(h), "title", 0.9),
                (None, Some(h)) => (Some(h), "title:known-person", 0.8),
                (None, None) => (self.dominant, "title:context", 0.5),
            };
            let home_actor = home.map(|h| self.dicts.actors.actor(h).clone());
            let person = match known {
                Some(h) => self.dicts.actors.actor(h.entry).clone(),
                None => Actor {
                    name: s[t.name_start..t.name_end].to_string(),
                    code: home_actor
                        .as_ref()
                        .map(|a| a.code.clone())
                        .unwrap_or_default(),
                    kind: ActorKind::Person,
                    country: home_actor.as_ref().and_then(|a| a.country.clone()),
                },
            };
            let p = self.actor(person);
            let title = s[t.title_start..t.title_end].to_lowercase();
            let words = title.split_whitespace().map(str::to_string).collect();
            self.titles.push((p, words));
            locals.push(Local {
                start: t.phrase.0,
                end: t.phrase.1,
                name: (t.name_start, t.name_end),
                actor: p,
                anaphor_of: None,
                weak: false,
                code: None,
                crowd: false,
            });
            if let (Some(home), false) = (home_actor, t.former) {
                if self.members.insert(p) {
                    let h = self.actor(home);
                    self.out.events.push(Event {
                        source: p,
                        target: h,
                        relation: Relation::MemberOf,
                        sentence: si,
                        trigger: (base + t.title_start, base + t.title_end),
                        rule: rule.to_string(),
                        confidence: conf,
                        source_code: None,
                        target_code: None,
                    });
                }
            }
        }
        locals
    }

    /// "the minister", "The President": a title after "the" with no name to it refers to the
    /// person last named with a title holding all its words ("Foreign Minister Dmytro
    /// Kuleba" for "the minister"); with none, it stays unresolved.
    fn described_people(
        &self,
        s: &str,
        toks: &[tokens::Token],
        roles: &[WordHit<crate::dict::Role>],
        titled: &[people::Titled],
        locals: &mut Vec<Local>,
    ) {
        for r in roles {
            let named = titled
                .iter()
                .any(|t| r.start < t.title_end && t.title_start < r.end);
            let covered = locals.iter().any(|l| l.start < r.end && r.start < l.end);
            let k = toks.partition_point(|t| t.start < r.start);
            let after_the =
                k > 0 && s[toks[k - 1].start..toks[k - 1].end].eq_ignore_ascii_case("the");
            if named || covered || !after_the {
                continue;
            }
            let words: Vec<String> = (s[r.start..r.end].to_lowercase().split_whitespace())
                .map(str::to_string)
                .collect();
            let person = (self.titles.iter().rev())
                .find(|(_, title)| words.iter().all(|w| title.contains(w)))
                .map(|&(p, _)| p);
            if let Some(actor) = person {
                let start = toks[k - 1].start;
                locals.push(Local {
                    start,
                    end: r.end,
                    name: (start, r.end),
                    actor,
                    anaphor_of: None,
                    weak: true,
                    code: None,
                    crowd: false,
                });
            }
        }
    }

    /// "these demands", "the ultimatum": a mention of whoever made that kind of act before.
    fn anaphors(
        &self,
        s: &str,
        toks: &[tokens::Token],
        triggers: &mut Vec<WordHit<'a, crate::dict::Trigger>>,
        locals: &mut Vec<Local>,
    ) {
        const REFERABLE: &[Relation] = &[
            Relation::Demand,
            Relation::Appeal,
            Relation::Threaten,
            Relation::IntendToCooperate,
        ];
        triggers.retain(|t| {
            if t.value.form != Form::Noun || !REFERABLE.contains(&t.value.relation) {
                return true;
            }
            let k = toks.partition_point(|x| x.end <= t.start);
            let det = k
                .checked_sub(1)
                .map(|j| (j, s[toks[j].start..toks[j].end].to_ascii_lowercase()));
            let Some((j, d)) = det.filter(|(_, d)| {
                matches!(
                    d.as_str(),
                    "these" | "those" | "this" | "that" | "such" | "the"
                )
            }) else {
                return true;
            };
            let Some(&(_, maker)) = self.past.iter().rev().find(|(r, _)| *r == t.value.relation)
            else {
                return true;
            };
            let _ = d;
            locals.push(Local {
                start: toks[j].start,
                end: t.end,
                name: (toks[j].start, t.end),
                actor: maker,
                anaphor_of: Some(t.value.relation),
                weak: true,
                code: None,
                crowd: false,
            });
            false
        });
    }

    /// Stores the sentence's mentions and events with article offsets.
    fn record(&mut self, si: usize, base: usize, locals: &[Local], found: Vec<Found>) {
        for l in locals {
            let how = if l.anaphor_of.is_some() {
                "anaphor"
            } else if l.weak {
                "coref"
            } else {
                "name"
            };
            self.out.mentions.push(Mention {
                actor: l.actor,
                sentence: si,
                start: base + l.name.0,
                end: base + l.name.1,
                how,
            });
        }
        if let Some(p) = locals
            .iter()
            .find(|l| self.out.actors[l.actor].kind == ActorKind::Person)
        {
            self.last_person = Some(p.actor);
        }
        for f in found {
            self.past.push((f.relation, f.source));
            self.out.events.push(Event {
                source: f.source,
                target: f.target,
                relation: f.relation,
                sentence: si,
                trigger: (base + f.trigger.0, base + f.trigger.1),
                rule: f.rule,
                confidence: f.confidence,
                source_code: f.codes.0,
                target_code: f.codes.1,
            });
        }
    }
}

/// Byte spans of `[...]` fragments (untranslated words in machine-translated news).
fn bracket_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most sentences have no bracket; '[' and ']' are ASCII, so bytes are enough.
    if !s.as_bytes().contains(&b'[') {
        return out;
    }
    let mut open = None;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' => open = Some(i),
            b']' => {
                if let Some(o) = open.take() {
                    out.push((o, i + 1));
                }
            }
            _ => {}
        }
    }
    out
}
