-- Per hour (epoch hour number) of a range: the number of minute readings, then for each per-phase value the number
-- of readings that have it and their sum (current A, voltage V, apparent power VA of phases 1-3): what an average
-- over several hours is made of. Parameters: meter, from, to.
SELECT FLOOR(t / 3600) AS hour_number, COUNT(*) AS n,
  COUNT(current1), SUM(current1), COUNT(current2), SUM(current2), COUNT(current3), SUM(current3),
  COUNT(voltage1), SUM(voltage1), COUNT(voltage2), SUM(voltage2), COUNT(voltage3), SUM(voltage3),
  COUNT(phase_power1), SUM(phase_power1), COUNT(phase_power2), SUM(phase_power2),
  COUNT(phase_power3), SUM(phase_power3)
FROM reading
WHERE meter = ? AND t >= ? AND t < ?
GROUP BY FLOOR(t / 3600)
