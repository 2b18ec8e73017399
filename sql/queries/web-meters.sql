-- Every meter with its first and last reading time (epoch seconds) and its latest reading's mode, period and power,
-- in one query. Derived from the hourly roll-up (one row per meter and hour) joined to each meter's latest row of
-- table reading, found by primary key, so that ingestion writes no row per meter (there is no meter table since V2).
SELECT h.meter, l.mode, l.period, l.power_avg,
  (SELECT MIN(r.t) FROM reading r WHERE r.meter = h.meter AND r.t >= h.first_hour AND r.t < h.first_hour + 3600)
    AS first_t,
  l.t AS last_t
FROM (SELECT meter, MIN(t) AS first_hour, MAX(t) AS last_hour FROM reading_hour GROUP BY meter) h
JOIN reading l ON l.meter = h.meter
  AND l.t = (SELECT MAX(r.t) FROM reading r WHERE r.meter = h.meter AND r.t >= h.last_hour)
ORDER BY h.meter
