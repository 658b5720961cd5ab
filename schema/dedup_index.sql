-- The dedup key's index (schema/010_dedup_index.sql), which a bulk load builds at its end.
--
-- Dropped only when `ingest` or `load` loads into an empty database, its reader checking
-- every text against all the texts it has sent (cli/known.rs), so no duplicate can reach
-- the table meanwhile. Any other writer that finds it missing (another load into the same new
-- database, or one opening after a killed load) builds it before it writes. A database
-- migrated while it held articles has the inline UNIQUE of schema/001_core.sql instead, and
-- is never given this one.

CREATE UNIQUE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
