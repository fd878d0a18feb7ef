-- Volatility ranking: symbols from most to least volatile over the 30 calendar days ending
-- on the given day, by Garman-Klass volatility: the square root of the mean daily
-- Garman-Klass variance (daily_metrics.volatility), in percent.
--
-- @param trade_date last IST trading day of the window, yyyy-MM-dd
SELECT rank() OVER (ORDER BY avg(volatility) DESC) AS volatility_rank,
       symbol,
       count(*) AS trading_days,
       CAST(100 AS DOUBLE) * sqrt(avg(volatility)) AS gk_volatility_pct,
       max(volatility) AS max_daily_variance
FROM daily_metrics
WHERE date_diff('day', trade_date, CAST(:trade_date AS DATE)) BETWEEN 0 AND 29
GROUP BY symbol
ORDER BY volatility_rank, symbol
