-- Top movers: the ten symbols that moved most, up or down, on one trading day, by percent
-- change of the close against the previous trading day's close.
--
-- @param trade_date IST trading day, yyyy-MM-dd
SELECT symbol,
       trade_date,
       prev_close,
       close,
       price_change_pct,
       CASE WHEN price_change_pct >= 0 THEN 'up' ELSE 'down' END AS direction,
       volume,
       volume_surge_ratio,
       candle_type
FROM daily_metrics
WHERE trade_date = CAST(:trade_date AS DATE)
  AND price_change_pct IS NOT NULL
ORDER BY abs(price_change_pct) DESC, symbol
LIMIT 10
