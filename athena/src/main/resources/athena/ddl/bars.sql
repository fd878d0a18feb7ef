-- Final OHLCV bars (DESIGN.md §4, §5), as the Flink job writes them to the lake:
--   ${lake}/bars/timeframe=1m/trade_date=2026-03-10/part-*.parquet
-- ${lake} is the lake's S3 prefix without a trailing slash (s3://<bucket>/<prefix>),
-- substituted when the table is created. ${timeframe} and ${trade_date} below are not ours:
-- Athena fills them in from the partition values.
--
-- Columns are exactly those of the job's writer (flink-app BarRecordMapping; checked by
-- LakeDdlTest against files the writer produced). vwap is the only nullable column:
-- backfilled history bars (`./pricefeed backfill`: Fyers /data/history candles, loaded through
-- the same Flink job in batch mode) have no turnover and no ticks, so they carry vwap NULL and
-- tick_count 0 in every timeframe: the 1m bars from minute candles, the 5m/15m/1h/1d bars
-- rolled up from them, and the 1d bars of daily candles (--resolution D). Their revision is 0.
-- Queries that weight by vwap must skip those rows (or fall back to (high + low + close) / 3).
-- timestamp columns are UTC instants (Parquet TIMESTAMP(MILLIS, UTC)).
--
-- Partition projection instead of crawlers or MSCK REPAIR: the partitions are known in
-- advance (five timeframes x days), so Athena computes the paths and a new day's files are
-- queryable the moment Flink commits them, with no Glue partition to add. trade_date is an
-- IST date, a string compared as 'yyyy-MM-dd' (CAST(trade_date AS date) where a date is
-- needed). The range ends a day after NOW because NOW is UTC and the IST date runs 5h30 ahead
-- of it; it starts in 2020 so backfilled history lands inside it. Days without files cost a
-- listing, nothing more.
CREATE EXTERNAL TABLE IF NOT EXISTS bars (
  `symbol`     string,
  `bar_start`  timestamp,
  `bar_end`    timestamp,
  `open`       double,
  `high`       double,
  `low`        double,
  `close`      double,
  `vwap`       double,
  `volume`     bigint,
  `tick_count` bigint,
  `revision`   int
)
COMMENT 'Final OHLCV bars; backfilled history bars have vwap NULL and tick_count 0'
PARTITIONED BY (
  `timeframe`  string,
  `trade_date` string
)
STORED AS PARQUET
LOCATION '${lake}/bars/'
TBLPROPERTIES (
  'projection.enabled'                  = 'true',
  'projection.timeframe.type'           = 'enum',
  'projection.timeframe.values'         = '1m,5m,15m,1h,1d',
  'projection.trade_date.type'          = 'date',
  'projection.trade_date.range'         = '2020-01-01,NOW+1DAYS',
  'projection.trade_date.format'        = 'yyyy-MM-dd',
  'projection.trade_date.interval'      = '1',
  'projection.trade_date.interval.unit' = 'DAYS',
  'storage.location.template'           = '${lake}/bars/timeframe=${timeframe}/trade_date=${trade_date}/',
  'parquet.compression'                 = 'SNAPPY'
)
