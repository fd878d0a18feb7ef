-- Anomaly history of one symbol, newest first: every distinct anomaly event (an event in
-- the lake twice after a replay shows once), with its IST time.
--
-- @param symbol Fyers symbol, e.g. NSE:SBIN-EQ
SELECT trade_date,
       ts,
       CAST(with_timezone(ts, 'UTC') AT TIME ZONE 'Asia/Kolkata' AS timestamp) AS ts_ist,
       rule,
       severity,
       timeframe,
       value,
       threshold,
       message,
       id
FROM (
  SELECT CAST(trade_date AS DATE) AS trade_date, ts, rule, severity, timeframe, value, threshold,
         message, id,
         row_number() OVER (PARTITION BY id ORDER BY ts) AS pick
  FROM anomalies
  WHERE symbol = :symbol
) AS events
WHERE pick = 1
ORDER BY ts DESC, id
