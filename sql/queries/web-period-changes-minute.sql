-- The minutes where the tariff period changes (and the first minute of the range), from the minute readings.
-- Parameters: meter, from, to.
SELECT t, period FROM (
  SELECT t, period, LAG(period) OVER (ORDER BY t) AS previous
  FROM reading
  WHERE meter = ? AND t >= ? AND t < ?
) r
WHERE previous IS NULL OR previous <> period
ORDER BY t
