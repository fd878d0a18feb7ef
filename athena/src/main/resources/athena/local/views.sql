-- Local stand-ins for the Athena tables, as DuckDB views over the lake folder.
--
-- The engine (io.pricefeed.athena.LakeQueryEngine) replaces ${lake} with the lake folder
-- and runs, for each view, one of its two forms:
--
--   -- @view <name> files=<glob>   used when <glob> (relative to the lake) matches a file;
--   -- @empty <name>               used otherwise: the same columns and types, no rows.
--
-- Why two forms: DuckDB's read_parquet fails on a glob that matches nothing ("No files found
-- that match the pattern"), and a fresh lake has no anomalies (often no bars) yet. Starting
-- with an empty view keeps `./pricefeed query` usable from the first second; the engine
-- re-picks the form when its views are refreshed. The glob in `files=` must be the one the
-- view reads; the engine refuses to load this file when they drift apart.
--
-- Columns follow DESIGN.md §5; bars matches athena/ddl/bars.sql column for column (checked
-- by BarsDdlTest). Ticks and anomalies use the model's field names in snake_case, the names
-- the Flink job's Parquet writers are expected to use. Notes:
--  * trade_date is a DATE here but a string partition in Athena; compare it with a string
--    literal (trade_date = '2026-03-10'), which both engines accept.
--  * Timestamps go through make_timestamp(epoch_us(...)) rather than CAST(... AS TIMESTAMP):
--    the writer may store them UTC-adjusted (DuckDB reads TIMESTAMP WITH TIME ZONE, and a
--    cast would shift them by the session time zone) or as INT96/plain (read as TIMESTAMP);
--    epoch_us is the same instant either way, so every view yields a UTC TIMESTAMP whatever
--    `SET TimeZone` a query ran first.
--  * File globs skip names starting with '.' or '_': Flink's file sink keeps in-progress and
--    not-yet-compacted files hidden that way, and Athena (like Hive) ignores them too.
--  * As in Athena, partition values come from the path (hive_partitioning), not the file.
--    union_by_name lets files written before a column was added still be read.

-- @view bars files=bars/*/*/[!._]*.parquet
CREATE OR REPLACE VIEW bars AS
SELECT CAST(symbol AS VARCHAR)                  AS symbol,
       make_timestamp(epoch_us(bar_start))      AS bar_start,
       make_timestamp(epoch_us(bar_end))        AS bar_end,
       CAST(open AS DOUBLE)                     AS open,
       CAST(high AS DOUBLE)                     AS high,
       CAST(low AS DOUBLE)                      AS low,
       CAST(close AS DOUBLE)                    AS close,
       CAST(vwap AS DOUBLE)                     AS vwap,
       CAST(volume AS BIGINT)                   AS volume,
       CAST(tick_count AS BIGINT)               AS tick_count,
       CAST(revision AS INTEGER)                AS revision,
       CAST(timeframe AS VARCHAR)               AS timeframe,
       CAST(trade_date AS DATE)                 AS trade_date
FROM read_parquet('${lake}/bars/*/*/[!._]*.parquet', hive_partitioning = true, union_by_name = true);

-- @empty bars
CREATE OR REPLACE VIEW bars AS
SELECT CAST(NULL AS VARCHAR)   AS symbol,
       CAST(NULL AS TIMESTAMP) AS bar_start,
       CAST(NULL AS TIMESTAMP) AS bar_end,
       CAST(NULL AS DOUBLE)    AS open,
       CAST(NULL AS DOUBLE)    AS high,
       CAST(NULL AS DOUBLE)    AS low,
       CAST(NULL AS DOUBLE)    AS close,
       CAST(NULL AS DOUBLE)    AS vwap,
       CAST(NULL AS BIGINT)    AS volume,
       CAST(NULL AS BIGINT)    AS tick_count,
       CAST(NULL AS INTEGER)   AS revision,
       CAST(NULL AS VARCHAR)   AS timeframe,
       CAST(NULL AS DATE)      AS trade_date
WHERE false;

-- Every accepted tick (DESIGN.md §3, §5): the model's Tick fields in snake_case.
-- @view ticks files=ticks/trade_date=*/[!._]*.parquet
CREATE OR REPLACE VIEW ticks AS
SELECT CAST(symbol AS VARCHAR)                  AS symbol,
       make_timestamp(epoch_us(ts))             AS ts,
       CAST(ltp AS DOUBLE)                      AS ltp,
       CAST(cum_volume AS BIGINT)               AS cum_volume,
       CAST(atp AS DOUBLE)                      AS atp,
       CAST(day_open AS DOUBLE)                 AS day_open,
       CAST(day_high AS DOUBLE)                 AS day_high,
       CAST(day_low AS DOUBLE)                  AS day_low,
       CAST(prev_close AS DOUBLE)               AS prev_close,
       CAST(bid AS DOUBLE)                      AS bid,
       CAST(ask AS DOUBLE)                      AS ask,
       CAST(trade_date AS DATE)                 AS trade_date
FROM read_parquet('${lake}/ticks/trade_date=*/[!._]*.parquet', hive_partitioning = true, union_by_name = true);

-- @empty ticks
CREATE OR REPLACE VIEW ticks AS
SELECT CAST(NULL AS VARCHAR)   AS symbol,
       CAST(NULL AS TIMESTAMP) AS ts,
       CAST(NULL AS DOUBLE)    AS ltp,
       CAST(NULL AS BIGINT)    AS cum_volume,
       CAST(NULL AS DOUBLE)    AS atp,
       CAST(NULL AS DOUBLE)    AS day_open,
       CAST(NULL AS DOUBLE)    AS day_high,
       CAST(NULL AS DOUBLE)    AS day_low,
       CAST(NULL AS DOUBLE)    AS prev_close,
       CAST(NULL AS DOUBLE)    AS bid,
       CAST(NULL AS DOUBLE)    AS ask,
       CAST(NULL AS DATE)      AS trade_date
WHERE false;

-- Anomaly events (DESIGN.md §3, §6). Unlike bars, timeframe is a data column here: the
-- partition is the trade date only. context holds the numbers behind the verdict.
-- @view anomalies files=anomalies/trade_date=*/[!._]*.parquet
CREATE OR REPLACE VIEW anomalies AS
SELECT CAST(id AS VARCHAR)                      AS id,
       CAST(symbol AS VARCHAR)                  AS symbol,
       CAST(rule AS VARCHAR)                    AS rule,
       CAST(severity AS VARCHAR)                AS severity,
       make_timestamp(epoch_us(ts))             AS ts,
       make_timestamp(epoch_us(bar_start))      AS bar_start,
       CAST(timeframe AS VARCHAR)               AS timeframe,
       CAST(value AS DOUBLE)                    AS value,
       CAST(threshold AS DOUBLE)                AS threshold,
       CAST(message AS VARCHAR)                 AS message,
       CAST(context AS MAP(VARCHAR, DOUBLE))    AS context,
       CAST(trade_date AS DATE)                 AS trade_date
FROM read_parquet('${lake}/anomalies/trade_date=*/[!._]*.parquet', hive_partitioning = true, union_by_name = true);

-- @empty anomalies
CREATE OR REPLACE VIEW anomalies AS
SELECT CAST(NULL AS VARCHAR)              AS id,
       CAST(NULL AS VARCHAR)              AS symbol,
       CAST(NULL AS VARCHAR)              AS rule,
       CAST(NULL AS VARCHAR)              AS severity,
       CAST(NULL AS TIMESTAMP)            AS ts,
       CAST(NULL AS TIMESTAMP)            AS bar_start,
       CAST(NULL AS VARCHAR)              AS timeframe,
       CAST(NULL AS DOUBLE)               AS value,
       CAST(NULL AS DOUBLE)               AS threshold,
       CAST(NULL AS VARCHAR)              AS message,
       CAST(NULL AS MAP(VARCHAR, DOUBLE)) AS context,
       CAST(NULL AS DATE)                 AS trade_date
WHERE false;
