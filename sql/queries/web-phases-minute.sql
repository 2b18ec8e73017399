-- Per-phase current (A), voltage (V) and apparent power (VA) per bucket of `step` seconds, averages of the minute
-- readings, buckets aligned on the epoch (three-phase meters). Parameters: step, meter, from, to.
SELECT bucket, AVG(current1) AS i1, AVG(current2) AS i2, AVG(current3) AS i3,
  AVG(voltage1) AS u1, AVG(voltage2) AS u2, AVG(voltage3) AS u3,
  AVG(phase_power1) AS p1, AVG(phase_power2) AS p2, AVG(phase_power3) AS p3
FROM (
  SELECT FLOOR(t / ?) AS bucket, current1, current2, current3, voltage1, voltage2, voltage3, phase_power1,
    phase_power2, phase_power3
  FROM reading
  WHERE meter = ? AND t >= ? AND t < ?
) r
GROUP BY bucket
ORDER BY bucket
