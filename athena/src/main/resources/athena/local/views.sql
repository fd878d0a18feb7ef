-- Local stand-ins for the Athena tables (athena/ddl/*.sql), as DuckDB views over the lake
-- folder: the same names, columns and types, so the Athena views and named queries run on
-- them unchanged.
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
-- Each view matches its DDL column for column (LakeDdlTest), and the DDL matches the files
-- the Flink job's writers produce. Notes:
--  * trade_date (and timeframe) are strings, as the projected partitions are in Athena:
--    DuckDB would make trade_date a DATE, and SQL that leans on that (date arithmetic on
--    the raw column) would pass here and fail on Athena. Write trade_date = '2026-03-10',
--    or CAST(trade_date AS DATE) where a date is needed; both engines accept both.
--  * Timestamps go through make_timestamp(epoch_us(...)) rather than CAST(... AS TIMESTAMP):
--    the job stores them UTC-adjusted, which DuckDB reads as TIMESTAMP WITH TIME ZONE, and a
--    cast would shift them by the session time zone; epoch_us is the same instant whatever
--    the encoding, so every view yields a UTC TIMESTAMP, as Athena's `timestamp` is.
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
       CAST(trade_date AS VARCHAR)              AS trade_date
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
       CAST(NULL AS VARCHAR)   AS trade_date
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
       CAST(trade_date AS VARCHAR)              AS trade_date
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
       CAST(NULL AS VARCHAR)   AS trade_date
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
       CAST(trade_date AS VARCHAR)              AS trade_date
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
       CAST(NULL AS VARCHAR)              AS trade_date
WHERE false;

-- Rejected records (athena/ddl/rejects.sql): JSON Lines, ts as epoch millis. Naming the
-- columns makes DuckDB ignore any other key, as Athena's JSON SerDe does, and keeps the
-- types fixed when a day's lines happen to hold only nulls in a column; ignore_errors skips a
-- malformed line as the table's ignore.malformed.json does.
-- @view rejects files=rejects/trade_date=*/[!._]*.jsonl
CREATE OR REPLACE VIEW rejects AS
SELECT CAST(reason AS VARCHAR)                  AS reason,
       CAST(detail AS VARCHAR)                  AS detail,
       CAST(raw AS VARCHAR)                     AS raw,
       CAST(ts AS BIGINT)                       AS ts,
       CAST(trade_date AS VARCHAR)              AS trade_date
FROM read_json('${lake}/rejects/trade_date=*/[!._]*.jsonl', format = 'newline_delimited',
               columns = {reason: 'VARCHAR', detail: 'VARCHAR', raw: 'VARCHAR', ts: 'BIGINT'},
               hive_partitioning = true, ignore_errors = true);

-- @empty rejects
CREATE OR REPLACE VIEW rejects AS
SELECT CAST(NULL AS VARCHAR)   AS reason,
       CAST(NULL AS VARCHAR)   AS detail,
       CAST(NULL AS VARCHAR)   AS raw,
       CAST(NULL AS BIGINT)    AS ts,
       CAST(NULL AS VARCHAR)   AS trade_date
WHERE false;
