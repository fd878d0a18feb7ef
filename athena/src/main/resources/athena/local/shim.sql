-- DuckDB macros for the Athena (Trino) functions the shipped views and named queries use
-- that DuckDB lacks. Loaded by LakeQueryEngine before any view, so the SQL files under
-- athena/views and athena/queries run unchanged on both engines.
--
-- Keep this file small: prefer SQL that is valid on both engines (see athena/README.md,
-- "Writing SQL for both engines"); add a macro only for a function Athena has and DuckDB
-- does not, with Trino's exact semantics, and a test in ShimTest that pins them down.
-- Temporary macros live in the connection only; nothing is written anywhere.
--
-- Statements end with a semicolon (the engine splits the file there, outside literals).

-- with_timezone(timestamp, zone) -> timestamp with time zone: the wall time `ts` read in
-- `zone`. Trino's way to say "this timestamp is UTC" before converting it to another zone:
--   CAST(with_timezone(bar_start, 'UTC') AT TIME ZONE 'Asia/Kolkata' AS timestamp)
-- is the IST wall time of a UTC bar_start on both engines. DuckDB's timezone(zone, TIMESTAMP)
-- does the same, whatever the session's TimeZone setting.
CREATE OR REPLACE TEMP MACRO with_timezone(ts, zone) AS timezone(zone, CAST(ts AS TIMESTAMP));

-- from_unixtime(seconds) -> timestamp with time zone (UTC): Trino's conversion from epoch
-- seconds. Epoch milliseconds (rejects.ts) go in as from_unixtime(CAST(ts AS DOUBLE) / 1000);
-- the fraction keeps the milliseconds on both engines.
CREATE OR REPLACE TEMP MACRO from_unixtime(seconds) AS to_timestamp(CAST(seconds AS DOUBLE));
