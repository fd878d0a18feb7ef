-- Records the job refused (DESIGN.md §3), one JSON object per line, as the job's
-- RejectionJsonEncoder writes them:
--   ${lake}/rejects/trade_date=2026-03-10/part-*.jsonl
--   {"reason":"bad_price","detail":"ltp must be positive","raw":"{...}","ts":1773114305123}
-- reason is a short stable code (malformed_json, bad_price, late, missing_field:<name>, ...),
-- detail the human explanation (may be null), raw the record exactly as received, as a string,
-- and ts epoch milliseconds (a number, not a timestamp: that is how the encoder writes it).
-- The data-quality query counts rejects per reason and day from here.
--
-- The OpenX JSON SerDe reads the lines; ignore.malformed.json keeps one damaged line (a
-- half-written file cannot be committed, but a hand-copied one can) from failing every query.
-- See bars.sql for why partition projection.
CREATE EXTERNAL TABLE IF NOT EXISTS rejects (
  `reason`     string,
  `detail`     string,
  `raw`        string,
  `ts`         bigint
)
COMMENT 'Rejected input records with the reason; JSON Lines'
PARTITIONED BY (
  `trade_date` string
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES (
  'ignore.malformed.json' = 'true'
)
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${lake}/rejects/'
TBLPROPERTIES (
  'projection.enabled'                  = 'true',
  'projection.trade_date.type'          = 'date',
  'projection.trade_date.range'         = '2020-01-01,NOW+1DAYS',
  'projection.trade_date.format'        = 'yyyy-MM-dd',
  'projection.trade_date.interval'      = '1',
  'projection.trade_date.interval.unit' = 'DAYS',
  'storage.location.template'           = '${lake}/rejects/trade_date=${trade_date}/'
)
