-- The name a meter last sent for a tariff period (LTARF, or PTEC in historic mode) within one hour. Parameters:
-- meter, hour start, hour end, period.
SELECT period_raw
FROM reading
WHERE meter = ? AND t >= ? AND t < ? AND period = ?
ORDER BY t DESC
LIMIT 1
