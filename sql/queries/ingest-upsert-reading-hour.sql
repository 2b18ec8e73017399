-- Adds readings stored since the last fold, for one meter and hour, to the hourly roll-up (HourRollUp's fold; the
-- requests queued them aggregated by ReadingHourUpsert.totals: n, sum/min/max of power, period and time of the
-- latest, max of each register, sum and max of injected power, number of overloaded minutes). Same result as
-- rebuilding the hour from table reading: counts and sums add up, min/max/registers combine, the period is that of
-- the later of the two latest readings.
-- Only the columns a batch has values for are written: ReadingHourUpsert puts the optional ones (registers, injection,
-- overloads) in place of {COLUMNS}, {VALUES} and {UPDATES}, each updated by its rule (highest, or sum), a NULL (none
-- for that meter and hour) leaving the stored value. A batch of one tariff option so names 2 registers, not 31:
-- fewer values for the database to parse and store per roll-up row.
-- No parameter after VALUES: the MySQL driver then sends a whole batch as one multi-row statement.
INSERT INTO reading_hour (meter, t, n, power_sum, power_min, power_max, period, latest_t{COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?{VALUES})
ON DUPLICATE KEY UPDATE
  n = n + VALUES(n),
  power_sum = power_sum + VALUES(power_sum),
  power_min = LEAST(power_min, VALUES(power_min)),
  power_max = GREATEST(power_max, VALUES(power_max)),
  -- before latest_t: MySQL and MariaDB apply the assignments in order, so latest_t here is still the stored one
  period = CASE WHEN latest_t IS NULL OR latest_t < VALUES(latest_t) THEN VALUES(period) ELSE period END,
  latest_t = COALESCE(GREATEST(latest_t, VALUES(latest_t)), VALUES(latest_t)){UPDATES}
