-- Every accepted tick (DESIGN.md §3, §5), the archive replays read:
--   ${lake}/ticks/trade_date=2026-03-10/part-*.parquet
-- Columns are the job's writer's (flink-app TickRecordMapping): the wire tick's fields in
-- snake_case, all required; 0 (never NULL) stands for a price Fyers did not report. ts is the
-- producer's receive time, a UTC instant. trade_date is the IST date of ts, so ticks before
-- 05:30 IST sit in a partition whose date is ahead of UTC: hence the range up to NOW+1DAYS.
-- See bars.sql for why partition projection.
CREATE EXTERNAL TABLE IF NOT EXISTS ticks (
  `symbol`     string,
  `ts`         timestamp,
  `ltp`        double,
  `cum_volume` bigint,
  `atp`        double,
  `day_open`   double,
  `day_high`   double,
  `day_low`    double,
  `prev_close` double,
  `bid`        double,
  `ask`        double
)
COMMENT 'Every accepted quote tick (the replay source)'
PARTITIONED BY (
  `trade_date` string
)
STORED AS PARQUET
LOCATION '${lake}/ticks/'
TBLPROPERTIES (
  'projection.enabled'                  = 'true',
  'projection.trade_date.type'          = 'date',
  'projection.trade_date.range'         = '2020-01-01,NOW+1DAYS',
  'projection.trade_date.format'        = 'yyyy-MM-dd',
  'projection.trade_date.interval'      = '1',
  'projection.trade_date.interval.unit' = 'DAYS',
  'storage.location.template'           = '${lake}/ticks/trade_date=${trade_date}/',
  'parquet.compression'                 = 'SNAPPY'
)
