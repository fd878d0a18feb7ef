-- 90-day average price per symbol: the mean of the daily average price ((o+h+l+c)/4) over
-- the 90 calendar days ending on the given day, with the window's low, high and the number
-- of trading days it held.
--
-- @param trade_date last IST trading day of the window, yyyy-MM-dd
SELECT symbol,
       count(*) AS trading_days,
       min(trade_date) AS first_day,
       max(trade_date) AS last_day,
       avg(avg_price) AS avg_price_90d,
       min(low) AS low_90d,
       max(high) AS high_90d
FROM daily_metrics
WHERE date_diff('day', trade_date, CAST(:trade_date AS DATE)) BETWEEN 0 AND 89
GROUP BY symbol
ORDER BY symbol
