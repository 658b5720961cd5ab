//! PETRARCH actor records merged into the actor dictionary: names, kinds and countries
//! inferred from the codes, known actors extended rather than duplicated.

use super::actors::{ActorDictBuilder, Case, Form, Origin};
use super::petrarch::{self, Issue, Record, Window};
use crate::model::{Actor, ActorKind};

impl ActorDictBuilder {
    /// Adds a PETRARCH actor file; returns its record count and the issues of its lines
    /// (malformed lines are skipped, never fatal).
    /// Forms that begin or end with a title ("PRESIDENT JOE BIDEN", "US SECRETARY OF
    /// STATE") are left out: titles are read by the role rules, which tie the person to
    /// the state the title names.
    pub fn add_petrarch(
        &mut self,
        file: &str,
        text: &str,
        roles: &super::Roles,
    ) -> (usize, Vec<Issue>) {
        let fi = self.file(file);
        let parsed = petrarch::parse(text);
        let n = parsed.records.len();
        for mut r in parsed.records {
            r.phrases.retain(|p| !titled(&p.text, roles));
            if !r.phrases.is_empty() {
                self.add_record(fi, r);
            }
        }
        (n, parsed.issues)
    }

    fn add_record(&mut self, fi: u32, r: Record) {
        let windows: Vec<Window> = r
            .codes
            .iter()
            .filter(|w| !w.is_fallback() && w.code != petrarch::NULL_CODE)
            .cloned()
            .collect();
        let Some(code) = r.main_code() else {
            return;
        };
        let kind = infer_kind(code, !windows.is_empty());
        let forms: Vec<Form> = r
            .phrases
            .iter()
            .map(|p| Form {
                text: p.text.clone(),
                case: Case::for_petrarch(&p.text),
                origin: Origin {
                    file: fi,
                    line: p.line as u32,
                },
            })
            .collect();
        let origin = forms[0].origin;
        let names: Vec<String> = r.phrases.iter().map(|p| pretty_name(&p.text)).collect();
        let existing = if kind == ActorKind::State {
            self.by_code
                .get(code)
                .copied()
                .filter(|&e| self.entries[e].kind == kind)
        } else {
            names
                .iter()
                .find_map(|n| self.by_name_ci.get(&n.to_lowercase()).copied())
                .filter(|&e| self.entries[e].kind == kind)
        };
        if existing.is_none() {
            if let Some(state) = self.state_form(code, &r.phrases) {
                self.forms[state].extend(forms);
                return;
            }
        }
        let code = code.to_string();
        let e = match existing {
            // A PETRARCH record extends a known actor: its name and kind stay, its codes apply.
            Some(e) => {
                self.entries[e].code = code;
                self.origins[e] = origin;
                e
            }
            None => {
                let actor = Actor {
                    name: names[0].clone(),
                    code,
                    kind,
                    country: None,
                };
                let e = self.push(actor, origin);
                self.petrarch.push(e);
                e
            }
        };
        self.forms[e].extend(forms);
        self.windows[e] = windows;
    }
}

impl ActorDictBuilder {
    /// A built-in state that a record names by one of its own forms with a state-agent code:
    /// `KREMLIN [RUSGOV]` is Russia (the Kremlin stands for the state), not a new actor.
    fn state_form(&self, code: &str, phrases: &[petrarch::Phrase]) -> Option<usize> {
        let state = *self.by_code.get(code.get(..3)?)?;
        if self.entries[state].kind != ActorKind::State || code.len() == 3 {
            return None;
        }
        let known = |p: &str| {
            let p = pretty_name(p).to_lowercase();
            self.entries[state].name.to_lowercase() == p
                || self.forms[state].iter().any(|f| f.text.to_lowercase() == p)
        };
        phrases.iter().any(|p| known(&p.text)).then_some(state)
    }
}

/// True when a phrase starts or ends with a title.
fn titled(phrase: &str, roles: &super::Roles) -> bool {
    roles
        .find(phrase)
        .iter()
        .any(|r| r.start == 0 || r.end == phrase.len())
}

/// The kind a PETRARCH code suggests: a bare three-letter code is a state (also with dated
/// codes: `UKRAINE [USRUKR <910824] [UKR >911221]`), other dated codes are people's roles,
/// rebel and insurgent codes groups, anything else an organization.
fn infer_kind(code: &str, dated: bool) -> ActorKind {
    let rest = code.get(3..).unwrap_or("");
    let groups = ["REB", "INS", "UAF", "SEP"];
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        ActorKind::State
    } else if dated {
        ActorKind::Person
    } else if code.starts_with("IMG") || groups.iter().any(|g| rest.contains(g)) {
        ActorKind::Group
    } else {
        ActorKind::Organization
    }
}

/// `VLADIMIR PUTIN` → `Vladimir Putin`; `THE UNITED NATIONS` → `The United Nations`. A lone
/// word of up to five letters ("ICC", "NATO", "OHCHR"), common two-letter acronyms ("US",
/// "UN"), and words with dots, digits or parentheses ("U.N.", "(AAIA)") keep their case;
/// small function words go lower case after the first word.
pub fn pretty_name(phrase: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "de", "la", "in", "on", "to", "du", "del",
    ];
    const ACRONYMS: &[&str] = &["US", "UN", "EU", "UK", "AU"];
    if !phrase.contains(' ') && phrase.chars().count() <= 5 {
        return phrase.to_string();
    }
    let words: Vec<String> = phrase
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else if ACRONYMS.contains(&w)
                || w.contains(['.', '('])
                || w.chars().any(|c| c.is_ascii_digit())
            {
                w.to_string()
            } else {
                title_case(&lower)
            }
        })
        .collect();
    words.join(" ")
}

/// Upper-cases the first letter of each run of letters ("ki-moon" → "Ki-Moon").
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphabetic() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_forms_follow_the_case_rule_and_extend_known_states() {
        let mut b = ActorDictBuilder::default();
        b.add_csv(
            "t.csv",
            b"name,code,type,country,aliases\nUnited States,USA,state,USA,America\nUkraine,UKR,state,UKR,Kyiv\n",
        )
        .unwrap();
        let p = "US_ [USA]\nUKRAINE_\n+UKRAINIAN_\n\t[USRUKR <910824]\n\t[UKR >911221]\n\
                 VLADIMIR_PUTIN_\n+PUTIN_\n\t[RUSGOV >000507]\nWHITE_HOUSE_ [USAGOV]\n";
        let roles = super::super::Roles::parse("phrase,kind\npresident,head_of_state\n").unwrap();
        let (n, issues) = b.add_petrarch("p.txt", p, &roles);
        assert_eq!((n, issues.len()), (4, 0), "{issues:?}");
        let d = b.build().unwrap();
        assert_eq!(d.len(), 4, "US and UKRAINE extend the built-in states");
        let text =
            "A Ukrainian told us that PUTIN, not putin, phoned the white house and US officials.";
        let hits: Vec<_> = d
            .find(text)
            .iter()
            .map(|h| (&text[h.start..h.end], d.actor(h.entry).name.as_str()))
            .collect();
        assert_eq!(
            hits,
            [
                ("Ukrainian", "Ukraine"),
                ("PUTIN", "Vladimir Putin"),
                ("white house", "White House"),
                ("US", "United States"),
            ]
        );
        let ukraine = d.lookup("Ukraine").unwrap();
        assert_eq!(d.actor(ukraine).kind, ActorKind::State);
        assert_eq!(d.code_at(ukraine, Some("1985-01-01")), "USRUKR");
        assert_eq!(d.code_at(ukraine, Some("2000-01-01")), "UKR");
        let wh = d.lookup("White House").unwrap();
        assert_eq!(d.actor(wh).country.as_deref(), Some("USA"));
        assert_eq!(d.origin(wh), ("p.txt", 9));
    }

    #[test]
    fn pretty_names_keep_acronyms() {
        assert_eq!(pretty_name("THE UNITED NATIONS"), "The United Nations");
        assert_eq!(
            pretty_name("SECRETARY-GENERAL BAN KI-MOON"),
            "Secretary-General Ban Ki-Moon"
        );
        assert_eq!(
            pretty_name("U.N. SECRETARY OF STATE"),
            "U.N. Secretary of State"
        );
    }
}
