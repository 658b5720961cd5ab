//! The selection flags every export and graph command shares, and loading the selected graph.

use crate::graph::ActorGraph;
use crate::graph::filter::{FamilyFilter, Filter, parse_relation};
use crate::graph::resolve::Resolver;
use crate::model::{ActorKind, Relation};
use crate::store::read::{self, DateRange};
use anyhow::{Result, bail};
use rusqlite::Connection;

/// Which part of the graph to use.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Selection")]
pub struct SelectArgs {
    /// Only these relations: names or CAMEO roots, comma-separated (`threaten,13,member_of`).
    #[arg(long, value_delimiter = ',', value_parser = parse_relation)]
    pub relation: Vec<Relation>,
    /// Only these families: cooperation (CAMEO 01-09), conflict (10-20), other (member_of), or
    /// one of verbal_cooperation, material_cooperation, verbal_conflict, material_conflict.
    #[arg(long, value_delimiter = ',')]
    pub family: Vec<FamilyFilter>,
    /// Only events in articles dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only events in articles dated up to this day; `2022` or `2022-03` covers the whole
    /// year or month.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only actors of these types: state, organization, person, group (comma-separated).
    #[arg(long = "type", value_delimiter = ',', value_parser = parse_kind)]
    pub kind: Vec<ActorKind>,
    /// Only edges backed by at least this many events.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: i64,
    /// Only the actors within --hops links of this actor (name, code or alias: "Moscow").
    #[arg(long, value_name = "ACTOR")]
    pub around: Option<String>,
    /// How far --around reaches.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub hops: usize,
}

fn parse_kind(s: &str) -> Result<ActorKind, String> {
    ActorKind::parse(s).ok_or_else(|| {
        format!("unknown actor type `{s}`: use state, organization, person or group")
    })
}

fn check_date(flag: &str, date: &Option<String>) -> Result<()> {
    let Some(d) = date else { return Ok(()) };
    let shape = regex::Regex::new(r"^\d{4}(-\d{2}(-\d{2})?)?$").expect("valid regex");
    if !shape.is_match(d) {
        bail!("--{flag} {d}: write the date as YYYY-MM-DD (or YYYY-MM, YYYY)");
    }
    Ok(())
}

impl SelectArgs {
    /// The date range, checked.
    pub fn dates(&self) -> Result<DateRange> {
        check_date("since", &self.since)?;
        check_date("until", &self.until)?;
        Ok(DateRange {
            since: self.since.clone(),
            until: self.until.clone(),
        })
    }

    /// The row filter, with --around resolved to an actor id.
    pub fn filter(&self, actors: &Actors) -> Result<Filter> {
        let around = match &self.around {
            Some(name) => Some((actors.resolve(name)?, self.hops)),
            None => None,
        };
        Ok(Filter {
            relations: self.relation.clone(),
            families: self.family.clone(),
            kinds: self.kind.clone(),
            min_weight: self.min_weight,
            around,
        })
    }

    /// True when nothing is filtered out.
    pub fn selects_all(&self, filter: &Filter) -> bool {
        self.since.is_none() && self.until.is_none() && filter.is_noop()
    }
}

/// The actor lookup for arguments.
pub struct Actors(Resolver);

impl Actors {
    /// Loads names, codes and aliases.
    pub fn load(conn: &Connection) -> Result<Actors> {
        let (actors, aliases) = read::actor_names(conn)?;
        Ok(Actors(Resolver::new(actors, aliases)))
    }

    /// The actor a user means; when a code or alias fits several, the first stored one.
    /// Names the stored articles never used ("Moscow" when every article said "Kremlin") are
    /// looked up in the built-in dictionary.
    pub fn resolve(&self, name: &str) -> Result<i64> {
        if let Some(&id) = self.0.candidates(name).first() {
            return Ok(id);
        }
        if let Some(id) = self.builtin(name) {
            return Ok(id);
        }
        let hint = match self.0.suggestions(name).as_slice() {
            [] => String::from(
                "check the spelling, or list actors with `actorgraph query \"SELECT name FROM actors\"`",
            ),
            close => format!(
                "did you mean {}?",
                close
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        bail!("no actor named `{name}` (by name, code or alias): {hint}")
    }
}

impl Actors {
    fn builtin(&self, name: &str) -> Option<i64> {
        let dict = crate::dict::Dictionaries::builtin().ok()?;
        let entry = dict.actors.lookup(name.trim())?;
        self.0
            .candidates(&dict.actors.actor(entry).name)
            .first()
            .copied()
    }
}

/// The selected graph, and the pieces used to select it.
pub struct Selection {
    pub graph: ActorGraph,
    pub dates: DateRange,
    pub actors: Actors,
    /// False when a filter removed something (events must then be filtered too).
    pub everything: bool,
}

/// Reads and filters the graph.
pub fn load(conn: &Connection, args: &SelectArgs) -> Result<Selection> {
    let dates = args.dates()?;
    let actors = Actors::load(conn)?;
    let filter = args.filter(&actors)?;
    let (nodes, edges) = filter.apply(read::nodes(conn)?, read::edges_in(conn, &dates)?);
    Ok(Selection {
        graph: ActorGraph::build(nodes, edges),
        everything: args.selects_all(&filter),
        dates,
        actors,
    })
}
