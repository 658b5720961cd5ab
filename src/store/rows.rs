//! Multi-row INSERT statements: the writer stores an article's sentences, mentions and
//! events 16 rows to a statement instead of one.
//!
//! Why: SQLite opens its B-tree cursors at each statement's start and walks each tree from
//! the root for its first row only; stepping, resetting and closing cursors also happen once
//! a statement. Row by row, these were an eighth of the writer thread's instructions.

use anyhow::Result;
use rusqlite::{Connection, Statement};

/// Row counts of the statements, largest first: any count is a sum of these.
const SIZES: [usize; 5] = [16, 8, 4, 2, 1];

/// The multi-row INSERT statements of one table, prepared on first use and kept (the
/// statement cache would hash their long SQL and clear their bindings on every use).
pub(super) struct Inserts<'c> {
    /// `INSERT OR FAIL INTO t (a, b, ...)`.
    head: String,
    cols: usize,
    statements: [Option<Statement<'c>>; SIZES.len()],
}

impl<'c> Inserts<'c> {
    /// Statements inserting `columns` (SQL names, comma-separated) into `table`.
    ///
    /// `OR FAIL`, not the default `ABORT`: on a failed row SQLite then keeps the statement's
    /// earlier rows instead of undoing them, so it needs no statement journal (a tenth of the
    /// multi-row statements' work). The writer rolls back the whole batch on any error anyway.
    pub(super) fn new(table: &str, columns: &str) -> Inserts<'c> {
        Inserts {
            head: format!("INSERT OR FAIL INTO {table} ({columns})"),
            cols: columns.split(',').count(),
            statements: Default::default(),
        }
    }

    /// Inserts `n` rows; `bind(statement, offset, i)` binds row `i` to the parameters
    /// `offset + 1 ..= offset + cols`.
    pub(super) fn run(
        &mut self,
        conn: &'c Connection,
        n: usize,
        mut bind: impl FnMut(&mut Statement<'c>, usize, usize) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut i = 0;
        for (slot, k) in SIZES.into_iter().enumerate() {
            while n - i >= k {
                let st = match &mut self.statements[slot] {
                    Some(st) => st,
                    empty => empty.insert(conn.prepare(&sql(&self.head, self.cols, k))?),
                };
                for j in 0..k {
                    bind(st, j * self.cols, i + j)?;
                }
                st.raw_execute()?;
                i += k;
            }
        }
        Ok(())
    }
}

/// `head VALUES (?, ...), ...` for `rows` rows of `cols` parameters.
fn sql(head: &str, cols: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; cols].join(", "));
    format!("{head} VALUES {}", vec![row; rows].join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every count is stored whole, in order, through the mix of statement sizes.
    #[test]
    fn any_number_of_rows_is_inserted_in_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
            .unwrap();
        let mut inserts = Inserts::new("t", "v");
        let mut expected = Vec::new();
        for n in [0, 1, 15, 16, 17, 31, 33, 40] {
            let first = expected.len() as i64;
            inserts
                .run(&conn, n, |st, p, i| {
                    st.raw_bind_parameter(p + 1, first + i as i64)
                })
                .unwrap();
            expected.extend(first..first + n as i64);
        }
        let stored: Vec<i64> = (conn.prepare("SELECT v FROM t ORDER BY id").unwrap())
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stored, expected);
    }
}
