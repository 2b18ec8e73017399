-- A meter's latest reading time and mode. Parameters: meter.
SELECT t, mode FROM reading WHERE meter = ? ORDER BY t DESC LIMIT 1
