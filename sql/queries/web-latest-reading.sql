-- The latest reading of a meter. Parameters: meter.
SELECT t, period, power_avg FROM reading WHERE meter = ? ORDER BY t DESC LIMIT 1
