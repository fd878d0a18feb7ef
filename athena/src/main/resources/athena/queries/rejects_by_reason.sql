-- Data quality, input side: rejected records per reason and day over the 7 calendar days
-- ending on the given day, with the IST time of the first and last of them.
--
-- @param trade_date last IST day of the window, yyyy-MM-dd
SELECT CAST(trade_date AS DATE) AS trade_date,
       reason,
       count(*) AS rejects,
       CAST(from_unixtime(CAST(min(ts) AS DOUBLE) / 1000) AT TIME ZONE 'Asia/Kolkata' AS timestamp)
         AS first_ist,
       CAST(from_unixtime(CAST(max(ts) AS DOUBLE) / 1000) AT TIME ZONE 'Asia/Kolkata' AS timestamp)
         AS last_ist
FROM rejects
WHERE date_diff('day', CAST(trade_date AS DATE), CAST(:trade_date AS DATE)) BETWEEN 0 AND 6
GROUP BY CAST(trade_date AS DATE), reason
ORDER BY trade_date DESC, rejects DESC, reason
