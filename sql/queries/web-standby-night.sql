-- The lowest minute average of power over a part of a night (the house's standby). Parameters: meter, from, to.
SELECT MIN(power_avg) FROM reading WHERE meter = ? AND t >= ? AND t < ?
