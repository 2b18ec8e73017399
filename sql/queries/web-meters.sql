-- Every meter with its first and last reading time (epoch seconds) and the mode of its latest reading. Derived from
-- the hourly roll-up (one row per meter and hour) and three primary-key lookups per meter into table reading, so
-- that ingestion writes no row per meter (there is no meter table since V2).
SELECT h.meter,
  (SELECT r.mode FROM reading r WHERE r.meter = h.meter AND r.t >= h.last_hour ORDER BY r.t DESC LIMIT 1) AS mode,
  (SELECT MIN(r.t) FROM reading r WHERE r.meter = h.meter AND r.t >= h.first_hour AND r.t < h.first_hour + 3600)
    AS first_t,
  (SELECT MAX(r.t) FROM reading r WHERE r.meter = h.meter AND r.t >= h.last_hour) AS last_t
FROM (SELECT meter, MIN(t) AS first_hour, MAX(t) AS last_hour FROM reading_hour GROUP BY meter) h
ORDER BY h.meter
