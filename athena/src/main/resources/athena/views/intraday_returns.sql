-- Intraday returns and VWAP deviation per symbol and minute, from the 1m bars.
--
-- One row per (symbol, bar_start); duplicates in the lake are resolved as in daily_metrics
-- (highest revision, then most ticks).
--   bar_start_ist       the bar's start as IST wall time (bar_start itself is UTC).
--   prev_close          close of the symbol's previous 1m bar the same day; NULL for the
--                       day's first bar, so returns never span the overnight gap.
--   return_pct          100 * (close - prev_close) / prev_close.
--   log_return          ln(close / prev_close), the input of the RETURN_ZSCORE rule.
--   session_vwap        the day's VWAP up to and including this bar: the bars' vwap
--                       weighted by their volume. Bars without a vwap (backfilled history)
--                       do not count; NULL while no volume has traded.
--   vwap_deviation_pct  100 * (close - session_vwap) / session_vwap: how far the price sits
--                       above (+) or below (-) the day's average traded price.
CREATE OR REPLACE VIEW intraday_returns AS
WITH minute_bars AS (
  SELECT symbol,
         CAST(trade_date AS DATE) AS trade_date,
         bar_start, open, high, low, close, vwap, volume, tick_count,
         row_number() OVER (PARTITION BY symbol, trade_date, bar_start
                            ORDER BY revision DESC, tick_count DESC) AS pick
  FROM bars
  WHERE timeframe = '1m'
),
minutes AS (
  SELECT symbol, trade_date, bar_start, open, high, low, close, vwap, volume, tick_count,
         lag(close) OVER (PARTITION BY symbol, trade_date ORDER BY bar_start) AS prev_close,
         sum(CASE WHEN vwap IS NOT NULL THEN vwap * CAST(volume AS DOUBLE) END)
           OVER (PARTITION BY symbol, trade_date ORDER BY bar_start
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS turnover_to_date,
         sum(CASE WHEN vwap IS NOT NULL THEN CAST(volume AS DOUBLE) END)
           OVER (PARTITION BY symbol, trade_date ORDER BY bar_start
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS volume_to_date
  FROM minute_bars
  WHERE pick = 1
),
with_vwap AS (
  SELECT minutes.*,
         CASE WHEN volume_to_date > 0 THEN turnover_to_date / volume_to_date END AS session_vwap
  FROM minutes
)
SELECT symbol,
       trade_date,
       bar_start,
       CAST(with_timezone(bar_start, 'UTC') AT TIME ZONE 'Asia/Kolkata' AS timestamp) AS bar_start_ist,
       open,
       high,
       low,
       close,
       vwap,
       volume,
       tick_count,
       prev_close,
       CAST(100 AS DOUBLE) * (close - prev_close) / prev_close AS return_pct,
       ln(close / prev_close) AS log_return,
       session_vwap,
       CAST(100 AS DOUBLE) * (close - session_vwap) / session_vwap AS vwap_deviation_pct
FROM with_vwap
