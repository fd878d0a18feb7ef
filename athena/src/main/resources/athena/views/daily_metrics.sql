-- Daily metrics per symbol and trading day, from the 1d bars.
--
-- One row per (symbol, trade_date). The lake can hold a day's bar more than once (a replay,
-- a revision, a backfilled history bar next to the live one): the highest revision wins,
-- then the bar with more ticks, so a live bar (which has a vwap) beats a backfilled one.
--
-- Columns beyond the bar's own:
--   daily_return      close - open, in price units.
--   avg_price         (open + high + low + close) / 4.
--   avg_price_90d     mean avg_price of the symbol's days in the 90 calendar days ending on
--                     this one (this day and the 89 before it), as the avg_price_90d named
--                     query computes it for one day; over however many days the lake holds.
--   volatility        Garman-Klass one-day variance estimate:
--                     0.5 * ln(high/low)^2 - (2 ln 2 - 1) * ln(close/open)^2.
--                     Never negative; sqrt() of an average of it is a daily volatility.
--   prev_close        close of the symbol's previous 1d bar in the lake: the previous
--                     trading day, whatever weekend or holiday lies between.
--   price_change_pct  100 * (close - prev_close) / prev_close; NULL on a symbol's first day.
--   rolling_avg_5d    mean close of this and the 4 previous trading days; NULL until there
--                     are 5.
--   volume_avg_7d     mean volume of the 7 trading days before this one (not this one);
--                     NULL until there are 7.
--   volume_surge_ratio  volume / volume_avg_7d.
--   candle_type       the day's candle, with range = high - low, body = |close - open|,
--                     upper = high - max(open, close), lower = min(open, close) - low;
--                     the first rule that holds, in this order:
--                       'doji'          body <= 10% of range (a flat bar, range 0, too)
--                       'marubozu'      upper + lower <= 5% of range (body >= 95%)
--                       'hammer'        lower >= 2 x body and upper <= 10% of range
--                       'shooting_star' upper >= 2 x body and lower <= 10% of range
--                       'bullish'       close > open
--                       'bearish'       otherwise (close < open)
--                     Thresholds are multiplied out (10 * body <= range) so no division
--                     can fail and the edges are exact.
--   is_market_up      close > open: the session ended above where it opened.
--
-- "Trading days" are the days that have a 1d bar in the lake: a day the pipeline missed
-- stretches the 5- and 7-day windows over one more calendar day rather than leaving a hole.
-- Every division has a DOUBLE operand (Athena truncates integer division, DuckDB does not).
CREATE OR REPLACE VIEW daily_metrics AS
WITH day_bars AS (
  SELECT symbol,
         CAST(trade_date AS DATE) AS trade_date,
         open, high, low, close, vwap, volume, tick_count,
         row_number() OVER (PARTITION BY symbol, trade_date
                            ORDER BY revision DESC, tick_count DESC) AS pick
  FROM bars
  WHERE timeframe = '1d'
),
days AS (
  SELECT symbol, trade_date, open, high, low, close, vwap, volume, tick_count,
         high - low AS day_range,
         abs(close - open) AS body,
         high - greatest(open, close) AS upper_shadow,
         least(open, close) - low AS lower_shadow,
         lag(close) OVER (PARTITION BY symbol ORDER BY trade_date) AS prev_close,
         avg(close) OVER (PARTITION BY symbol ORDER BY trade_date
                          ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS close_avg_5,
         count(*) OVER (PARTITION BY symbol ORDER BY trade_date
                        ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS closes_5,
         avg((open + high + low + close) / CAST(4 AS DOUBLE))
           OVER (PARTITION BY symbol ORDER BY trade_date
                 RANGE BETWEEN INTERVAL '89' DAY PRECEDING AND CURRENT ROW) AS avg_price_90,
         avg(CAST(volume AS DOUBLE)) OVER (PARTITION BY symbol ORDER BY trade_date
                                           ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING) AS volume_avg_7,
         count(*) OVER (PARTITION BY symbol ORDER BY trade_date
                        ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING) AS volumes_7
  FROM day_bars
  WHERE pick = 1
)
SELECT symbol,
       trade_date,
       open,
       high,
       low,
       close,
       vwap,
       volume,
       tick_count,
       close - open AS daily_return,
       (open + high + low + close) / CAST(4 AS DOUBLE) AS avg_price,
       avg_price_90 AS avg_price_90d,
       CAST(0.5 AS DOUBLE) * power(ln(high / low), 2)
         - (2 * ln(CAST(2 AS DOUBLE)) - 1) * power(ln(close / open), 2) AS volatility,
       prev_close,
       CAST(100 AS DOUBLE) * (close - prev_close) / prev_close AS price_change_pct,
       CASE WHEN closes_5 = 5 THEN close_avg_5 END AS rolling_avg_5d,
       CASE WHEN volumes_7 = 7 THEN volume_avg_7 END AS volume_avg_7d,
       CASE WHEN volumes_7 = 7 AND volume_avg_7 > 0 THEN CAST(volume AS DOUBLE) / volume_avg_7 END
         AS volume_surge_ratio,
       CASE
         WHEN 10 * body <= day_range THEN 'doji'
         WHEN 20 * (upper_shadow + lower_shadow) <= day_range THEN 'marubozu'
         WHEN lower_shadow >= 2 * body AND 10 * upper_shadow <= day_range THEN 'hammer'
         WHEN upper_shadow >= 2 * body AND 10 * lower_shadow <= day_range THEN 'shooting_star'
         WHEN close > open THEN 'bullish'
         ELSE 'bearish'
       END AS candle_type,
       close > open AS is_market_up
FROM days
