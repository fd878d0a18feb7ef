-- Anomaly events (DESIGN.md §3, §6):
--   ${lake}/anomalies/trade_date=2026-03-10/part-*.parquet
-- Columns are the job's writer's (flink-app AnomalyRecordMapping). Unlike bars, timeframe is
-- a data column here (the bar timeframe the rule looked at); the partition is the IST date of
-- ts only. rule and severity hold the enum names (PRICE_MOVE, HIGH, ...); context holds the
-- numbers behind the verdict, keyed by name (values may be NULL). id is stable across replays
-- and restarts, so the same event can sit in the lake twice: count DISTINCT id.
-- See bars.sql for why partition projection.
CREATE EXTERNAL TABLE IF NOT EXISTS anomalies (
  `id`         string,
  `symbol`     string,
  `rule`       string,
  `severity`   string,
  `ts`         timestamp,
  `bar_start`  timestamp,
  `timeframe`  string,
  `value`      double,
  `threshold`  double,
  `message`    string,
  `context`    map<string,double>
)
COMMENT 'Anomaly events; the same id may appear more than once after a replay'
PARTITIONED BY (
  `trade_date` string
)
STORED AS PARQUET
LOCATION '${lake}/anomalies/'
TBLPROPERTIES (
  'projection.enabled'                  = 'true',
  'projection.trade_date.type'          = 'date',
  'projection.trade_date.range'         = '2020-01-01,NOW+1DAYS',
  'projection.trade_date.format'        = 'yyyy-MM-dd',
  'projection.trade_date.interval'      = '1',
  'projection.trade_date.interval.unit' = 'DAYS',
  'storage.location.template'           = '${lake}/anomalies/trade_date=${trade_date}/',
  'parquet.compression'                 = 'SNAPPY'
)
