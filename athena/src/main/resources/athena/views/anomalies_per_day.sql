-- Anomalies per trading day and rule. The same anomaly (same stable id) can be in the lake
-- more than once after a replay, so everything counts distinct ids.
--   anomalies       distinct anomaly events
--   symbols         distinct symbols with at least one
--   high_severity   events of severity HIGH
CREATE OR REPLACE VIEW anomalies_per_day AS
SELECT CAST(trade_date AS DATE) AS trade_date,
       rule,
       count(DISTINCT id) AS anomalies,
       count(DISTINCT symbol) AS symbols,
       count(DISTINCT CASE WHEN severity = 'HIGH' THEN id END) AS high_severity
FROM anomalies
GROUP BY CAST(trade_date AS DATE), rule
