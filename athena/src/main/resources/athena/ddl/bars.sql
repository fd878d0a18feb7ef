-- Final OHLCV bars (DESIGN.md §4, §5), as the Flink job writes them to the lake:
--   ${lake}/bars/timeframe=1m/trade_date=2026-03-10/part-*.parquet
-- ${lake} is the lake's S3 prefix without a trailing slash (s3://<bucket>/<prefix>),
-- substituted when the table is created. ${timeframe} and ${trade_date} below are not ours:
-- Athena fills them in from the partition values.
--
-- Partition projection instead of crawlers or MSCK REPAIR: the partitions are known in
-- advance (five timeframes x trading days), so Athena computes the paths and a new day's
-- files are queryable the moment Flink commits them, with no Glue partition to add.
-- trade_date is an IST date; the session (09:15-15:30 IST) falls on the same UTC date, so
-- a NOW upper bound always includes today's partition. Dates before the first bar simply
-- have no files.
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
  'projection.trade_date.range'         = '2024-01-01,NOW',
  'projection.trade_date.format'        = 'yyyy-MM-dd',
  'projection.trade_date.interval'      = '1',
  'projection.trade_date.interval.unit' = 'DAYS',
  'storage.location.template'           = '${lake}/bars/timeframe=${timeframe}/trade_date=${trade_date}/',
  'parquet.compression'                 = 'SNAPPY'
);
