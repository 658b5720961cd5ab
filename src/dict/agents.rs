//! PETRARCH agent dictionaries (`Phoenix.agents.txt`): role words that qualify an actor's
//! code. "the Iranian government": `IRN` + `GOVERNMENT [~GOV]` → `IRNGOV`.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON       a substitution set
//! GOVERNMENT [~GOV]                               `~GOV`: appended to the actor's code
//! POLICE {} [~COP]                                `{}`: no plural
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]  an irregular plural
//! HUMAN_RIGHTS_BODY [NGO~]                        `NGO~`: put before the actor's code
//! CONGRESS!PERSON! [~LEG]                         one phrase per member of the set
//! ```
//!
//! Regular plurals are made as PETRARCH makes them (`-Y` → `-IES`, `-S` → `-SES`, else `-S`).
//! Phrases match case-insensitively on word boundaries; the longest wins.

use super::lexicon::{WordHit, WordMatcher};
use super::petrarch::{Issue, content_lines};
use anyhow::Result;
use std::collections::HashMap;

/// An agent code and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The role code, e.g. `GOV`, `MIL`, `COP`.
    pub code: String,
    /// `NGO~`: the code goes before the actor's; `~GOV`: after it.
    pub prefix: bool,
    /// Index of its file in [`Agents::files`].
    pub file: usize,
    /// 1-based line in that file.
    pub line: usize,
}

impl Agent {
    /// The actor code qualified by this agent: `RUS` + `~MIL` → `RUSMIL`. A code that already
    /// carries the agent is left alone (`IRNGOV` + `~GOV` → `IRNGOV`).
    pub fn apply(&self, code: &str) -> String {
        match self.prefix {
            false if code.ends_with(&self.code) => code.to_string(),
            false => format!("{code}{}", self.code),
            true if code.starts_with(&self.code) => code.to_string(),
            true => format!("{}{code}", self.code),
        }
    }
}

/// The compiled agent words of every `--agents` file (none by default).
pub struct Agents {
    matcher: WordMatcher<Agent>,
    /// The files, in load order.
    pub files: Vec<String>,
}

impl Agents {
    /// No agent words: `qualify` never changes a code.
    pub fn empty() -> Agents {
        Agents::build(Vec::new(), Vec::new())
    }

    /// Compiles `(name, text)` files; later files win for the same phrase. Returns the issues
    /// of each file (bad lines are skipped).
    pub fn load(files: &[(String, String)]) -> Result<(Agents, Vec<Vec<Issue>>)> {
        let mut entries = Vec::new();
        let mut issues = Vec::new();
        for (file, (_, text)) in files.iter().enumerate().rev() {
            let (e, i) = parse(text, file);
            entries.extend(e);
            issues.push(i);
        }
        issues.reverse();
        let names = files.iter().map(|(n, _)| n.clone()).collect();
        Ok((Agents::build(entries, names), issues))
    }

    fn build(entries: Vec<(String, Agent)>, files: Vec<String>) -> Agents {
        Agents {
            matcher: WordMatcher::new(entries),
            files,
        }
    }

    /// Every agent phrase in `text`, longest first, not overlapping.
    pub fn find<'a>(&'a self, text: &str) -> Vec<WordHit<'a, Agent>> {
        self.matcher.find(text)
    }

    /// Qualifies `code` by the first agent phrase in `nearby`, the words next to an actor's
    /// mention ("Russian troops": pass " troops"; "the government of Iran": "the government
    /// of "). `None` when `nearby` holds no agent phrase.
    pub fn qualify(&self, code: &str, nearby: &str) -> Option<String> {
        let hit = self.matcher.find(nearby).into_iter().next()?;
        Some(hit.value.apply(code))
    }

    /// Number of phrases (plurals and substitutions included).
    pub fn len(&self) -> usize {
        self.matcher.len()
    }

    /// True when there are no agent words.
    pub fn is_empty(&self) -> bool {
        self.matcher.is_empty()
    }
}

/// Parses one agent file: `(phrase, agent)` pairs and the issues of its lines.
pub fn parse(text: &str, file: usize) -> (Vec<(String, Agent)>, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for (line, content) in content_lines(text, &mut issues) {
        let mut err = |m: String| {
            issues.push(Issue {
                line,
                error: true,
                message: m,
            })
        };
        if content.contains('!') && content.contains('=') {
            match define_set(&content) {
                Some((name, members)) => drop(sets.insert(name, members)),
                None => err("a substitution set is written !NAME! = A, B, C".into()),
            }
            continue;
        }
        match agent_line(&content, &sets, file, line) {
            Ok(pairs) => out.extend(pairs),
            Err(m) => err(m),
        }
    }
    (out, issues)
}

fn define_set(line: &str) -> Option<(String, Vec<String>)> {
    let (left, right) = line.split_once('=')?;
    let name = left.trim().strip_prefix('!')?.strip_suffix('!')?;
    let members = right.split(',').map(|m| m.trim().to_string()).collect();
    Some((name.to_string(), members))
}

/// `PHRASE {PLURAL} [~CODE]` → its phrases with their agent.
fn agent_line(
    line: &str,
    sets: &HashMap<String, Vec<String>>,
    file: usize,
    no: usize,
) -> Result<Vec<(String, Agent)>, String> {
    let open = line.find('[').ok_or("an agent without a [~CODE]")?;
    let close = line[open..]
        .find(']')
        .ok_or("a code without its closing ']'")?
        + open;
    let agent = parse_code(line[open + 1..close].trim(), file, no)?;
    let head = &line[..open];
    let forms = if head.contains('!') {
        substitute(head, sets)?
    } else if let Some(b) = head.find('{') {
        let e = head.find('}').ok_or("a plural without its closing '}'")?;
        let mut forms = vec![head[..b].to_string()];
        forms.extend(Some(head[b + 1..e].to_string()).filter(|p| !p.trim().is_empty()));
        forms
    } else {
        let singular = head.trim().trim_end_matches('_').to_string();
        let plural = match singular.chars().last() {
            Some('Y') => format!("{}IES", &singular[..singular.len() - 1]),
            Some('S') => format!("{singular}ES"),
            _ => format!("{singular}S"),
        };
        vec![singular, plural]
    };
    let phrases: Vec<String> = forms.iter().filter_map(|f| words(f)).collect();
    if phrases.is_empty() {
        return Err("no phrase before the code".into());
    }
    Ok(phrases.into_iter().map(|p| (p, agent.clone())).collect())
}

fn parse_code(code: &str, file: usize, line: usize) -> Result<Agent, String> {
    let (c, prefix) = if let Some(c) = code.strip_prefix('~') {
        (c, false)
    } else if let Some(c) = code.strip_suffix('~') {
        (c, true)
    } else {
        return Err(format!(
            "'{code}' is no agent code (~GOV after, NGO~ before)"
        ));
    };
    if c.is_empty() || !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!(
            "'{code}' is no agent code (letters and digits with one ~)"
        ));
    }
    Ok(Agent {
        code: c.to_string(),
        prefix,
        file,
        line,
    })
}

fn substitute(head: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let (before, rest) = head.split_once('!').ok_or("")?;
    let (name, after) = rest
        .split_once('!')
        .ok_or("a substitution marker without its closing '!'")?;
    let members = sets
        .get(name)
        .ok_or_else(|| format!("substitution set !{name}! is not defined above"))?;
    Ok(members
        .iter()
        .map(|m| format!("{before}{m}{after}"))
        .collect())
}

fn words(s: &str) -> Option<String> {
    let w: Vec<&str> = s
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    (!w.is_empty()).then(|| w.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "!PERSON! = MAN, MEN\n\
GOVERNMENT [~GOV]\n\
ARMY [~MIL]\n\
TROOP [~MIL]\n\
POLICE {} [~COP]\n\
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n\
HUMAN_RIGHTS_BODY [NGO~]\n\
CONGRESS!PERSON! [~LEG]\n\
DEPARMENT_OF_ENVIRONMENT [~ENV}\n\
ISLAMIC_EXTREMIST\n";

    fn agents() -> Agents {
        Agents::load(&[("a.txt".into(), FILE.into())]).unwrap().0
    }

    #[test]
    fn agent_words_qualify_state_codes() {
        let a = agents();
        assert_eq!(
            a.qualify("RUS", " troops crossed").as_deref(),
            Some("RUSMIL")
        );
        assert_eq!(a.qualify("IRN", "government").as_deref(), Some("IRNGOV"));
        assert_eq!(a.qualify("IRNGOV", "GOVERNMENT").as_deref(), Some("IRNGOV"));
        assert_eq!(
            a.qualify("USA", "attorneys general").as_deref(),
            Some("USAGOVATG")
        );
        assert_eq!(
            a.qualify("SWE", "human rights body").as_deref(),
            Some("NGOSWE")
        );
        assert_eq!(a.qualify("USA", "congressmen").as_deref(), Some("USALEG"));
        assert_eq!(a.qualify("RUS", "diplomats"), None);
        assert_eq!(a.qualify("RUS", "polices"), None, "{{}} means no plural");
    }

    #[test]
    fn bad_agent_lines_are_reported() {
        let (_, issues) = Agents::load(&[("a.txt".into(), FILE.into())]).unwrap();
        let lines: Vec<usize> = issues[0].iter().map(|i| i.line).collect();
        assert_eq!(lines, [9, 10], "{issues:?}");
    }
}
