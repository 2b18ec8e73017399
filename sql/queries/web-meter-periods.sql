-- The tariff periods of a meter, those the hourly roll-up holds (the period of each hour's latest reading), with the
-- last hour of each: the name the meter sent for it is then read from that hour (web-meter-period-name.sql, one bound
-- primary-key range per period; a correlated subquery here was not given the range by MariaDB and read the meter's
-- readings back from the newest one: 1.2 to 3 s for a Tempo meter of a year). Parameters: meter.
SELECT period, MAX(t) AS last_hour
FROM reading_hour
WHERE meter = ? AND period IS NOT NULL
GROUP BY period
ORDER BY period
