//! Resolving the actor names users type ("moscow", "RUS", "the Kremlin") to actor ids through
//! canonical names, codes and the stored aliases, case-insensitively in any script.

use std::collections::HashMap;

/// Looks actors up by name, code or alias.
pub struct Resolver {
    names: HashMap<String, Vec<i64>>,
    codes: HashMap<String, Vec<i64>>,
    aliases: HashMap<String, Vec<i64>>,
    /// Every (folded name or alias, display form), for suggestions.
    known: Vec<(String, String)>,
}

impl Resolver {
    /// Builds the lookup from `(id, name, code)` actors and `(id, alias)` aliases.
    pub fn new(actors: Vec<(i64, String, String)>, aliases: Vec<(i64, String)>) -> Resolver {
        let mut r = Resolver {
            names: HashMap::new(),
            codes: HashMap::new(),
            aliases: HashMap::new(),
            known: Vec::new(),
        };
        for (id, name, code) in actors {
            push(&mut r.names, fold(&name), id);
            if !code.is_empty() {
                push(&mut r.codes, fold(&code), id);
            }
            r.known.push((fold(&name), name));
        }
        for (id, alias) in aliases {
            push(&mut r.aliases, fold(&alias), id);
            r.known.push((fold(&alias), alias));
        }
        r
    }

    /// The actors a query names: exact name first, else code, else alias (several when the
    /// same code or alias belongs to more than one actor).
    pub fn candidates(&self, query: &str) -> &[i64] {
        let key = fold(query);
        [&self.names, &self.codes, &self.aliases]
            .into_iter()
            .find_map(|map| map.get(&key))
            .map_or(&[], Vec::as_slice)
    }

    /// Up to three known names or aliases close to `query`, for a "did you mean" hint.
    pub fn suggestions(&self, query: &str) -> Vec<String> {
        let key = fold(query);
        let mut scored: Vec<(f64, &str)> = self
            .known
            .iter()
            .map(|(folded, shown)| (strsim::jaro_winkler(&key, folded), shown.as_str()))
            .filter(|(score, _)| *score > 0.85)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, shown) in scored {
            if !out.iter().any(|s| s == shown) && out.len() < 3 {
                out.push(shown.to_string());
            }
        }
        out
    }
}

fn push(map: &mut HashMap<String, Vec<i64>>, key: String, id: i64) {
    let ids = map.entry(key).or_default();
    if !ids.contains(&id) {
        ids.push(id);
    }
}

/// Lower case (any script), single spaces, no leading "the".
fn fold(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let start = usize::from(words.len() > 1 && words[0] == "the");
    words[start..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        Resolver::new(
            vec![
                (1, "Russia".into(), "RUS".into()),
                (2, "Россия Тест".into(), "".into()),
                (3, "Georgia".into(), "GEO".into()),
            ],
            vec![
                (1, "Moscow".into()),
                (1, "Kremlin".into()),
                (3, "Tbilisi".into()),
            ],
        )
    }

    #[test]
    fn names_codes_and_aliases_resolve_case_insensitively() {
        let r = resolver();
        assert_eq!(r.candidates("moscow"), &[1]);
        assert_eq!(r.candidates("the  Kremlin"), &[1]);
        assert_eq!(r.candidates("rus"), &[1]);
        assert_eq!(r.candidates("РОССИЯ тест"), &[2]);
        assert!(r.candidates("Atlantis").is_empty());
    }

    #[test]
    fn near_misses_get_suggestions() {
        assert_eq!(resolver().suggestions("Rusia"), vec!["Russia".to_string()]);
    }
}
