-- The hours where the tariff period changes (and the first hour of the range), from the hourly roll-up: exact to
-- the hour, which is below a pixel whenever this roll-up is used for the chart.
-- Parameters: meter, from, to.
SELECT t, period FROM (
  SELECT t, period, LAG(period) OVER (ORDER BY t) AS previous
  FROM reading_hour
  WHERE meter = ? AND t >= ? AND t < ?
) h
WHERE previous IS NULL OR previous <> period
ORDER BY t
