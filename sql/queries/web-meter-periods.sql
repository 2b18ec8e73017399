-- The tariff periods of a meter with the name it last sent for each (LTARF, or PTEC in historic mode): the periods
-- are those the hourly roll-up holds (the period of each hour's latest reading), the name is read from the last hour
-- of each (one primary-key range of table reading). Parameters: meter.
SELECT h.period,
  (SELECT r.period_raw FROM reading r
   WHERE r.meter = h.meter AND r.t >= h.last_hour AND r.t < h.last_hour + 3600 AND r.period = h.period
   ORDER BY r.t DESC LIMIT 1) AS period_raw
FROM (SELECT meter, period, MAX(t) AS last_hour FROM reading_hour WHERE meter = ? AND period IS NOT NULL
      GROUP BY meter, period) h
ORDER BY h.period
