-- Data quality, output side: 1m bars per symbol on one day against the 375 of a full
-- session (09:15 to 15:30 IST). A minute without a tick has no bar unless gap filling is
-- on, so missing minutes are quiet minutes or an outage; the first and last bar times
-- (IST) tell which.
--
-- @param trade_date IST trading day, yyyy-MM-dd
SELECT symbol,
       CAST(trade_date AS DATE) AS trade_date,
       count(DISTINCT bar_start) AS bars,
       375 AS expected_bars,
       375 - count(DISTINCT bar_start) AS missing_bars,
       CAST(100 AS DOUBLE) * count(DISTINCT bar_start) / 375 AS coverage_pct,
       CAST(with_timezone(min(bar_start), 'UTC') AT TIME ZONE 'Asia/Kolkata' AS timestamp) AS first_bar_ist,
       CAST(with_timezone(max(bar_start), 'UTC') AT TIME ZONE 'Asia/Kolkata' AS timestamp) AS last_bar_ist
FROM bars
WHERE timeframe = '1m'
  AND trade_date = :trade_date
GROUP BY symbol, CAST(trade_date AS DATE)
ORDER BY coverage_pct, symbol
