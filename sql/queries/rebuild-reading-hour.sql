-- Recomputes the hourly roll-up from the minute readings (tests, benchmark, repair after a manual change).
-- The incremental maintenance done at ingestion must give the same rows: n = count, power_sum = sum(power_avg),
-- power_min = min(power_min), power_max = max(power_max), period = period of the latest reading of the hour,
-- latest_t = time of that reading,
-- e_x = max(e_x) (registers only grow, so the max is the hour's latest value), injection_sum = sum(injection_avg),
-- injection_max = max(injection_max), overloads = count of readings with overload (NULL when none).
-- Three statements, run in order in one transaction, while no ingestion is in flight: the rows waiting to be folded
-- (reading_hour_pending) are already counted by the rebuild.
DELETE FROM reading_hour_pending;
DELETE FROM reading_hour;
INSERT INTO reading_hour (meter, t, n, power_sum, power_min, power_max, period, latest_t,
  e_base, e_hchc, e_hchp, e_ejphn, e_ejphpm, e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr, e_bbrhpjr,
    e_east, e_easf01, e_easf02, e_easf03, e_easf04, e_easf05, e_easf06, e_easf07, e_easf08, e_easf09, e_easf10,
    e_easd01, e_easd02, e_easd03, e_easd04, e_eait, e_erq1, e_erq2, e_erq3, e_erq4, injection_sum, injection_max,
    overloads)
SELECT g.meter, g.h, g.n, g.power_sum, g.power_min, g.power_max, latest.period, g.latest_t,
  g.e_base, g.e_hchc, g.e_hchp, g.e_ejphn, g.e_ejphpm, g.e_bbrhcjb, g.e_bbrhpjb, g.e_bbrhcjw, g.e_bbrhpjw,
    g.e_bbrhcjr, g.e_bbrhpjr, g.e_east, g.e_easf01, g.e_easf02, g.e_easf03, g.e_easf04, g.e_easf05, g.e_easf06,
    g.e_easf07, g.e_easf08, g.e_easf09, g.e_easf10, g.e_easd01, g.e_easd02, g.e_easd03, g.e_easd04, g.e_eait,
    g.e_erq1, g.e_erq2, g.e_erq3, g.e_erq4, g.injection_sum, g.injection_max, g.overloads
FROM (
  SELECT meter, t - MOD(t, 3600) AS h, COUNT(*) AS n, SUM(power_avg) AS power_sum, MIN(power_min) AS power_min,
    MAX(power_max) AS power_max, MAX(t) AS latest_t,
    MAX(e_base) AS e_base, MAX(e_hchc) AS e_hchc, MAX(e_hchp) AS e_hchp, MAX(e_ejphn) AS e_ejphn,
    MAX(e_ejphpm) AS e_ejphpm, MAX(e_bbrhcjb) AS e_bbrhcjb, MAX(e_bbrhpjb) AS e_bbrhpjb, MAX(e_bbrhcjw) AS e_bbrhcjw,
    MAX(e_bbrhpjw) AS e_bbrhpjw, MAX(e_bbrhcjr) AS e_bbrhcjr, MAX(e_bbrhpjr) AS e_bbrhpjr, MAX(e_east) AS e_east,
    MAX(e_easf01) AS e_easf01, MAX(e_easf02) AS e_easf02, MAX(e_easf03) AS e_easf03, MAX(e_easf04) AS e_easf04,
    MAX(e_easf05) AS e_easf05, MAX(e_easf06) AS e_easf06, MAX(e_easf07) AS e_easf07, MAX(e_easf08) AS e_easf08,
    MAX(e_easf09) AS e_easf09, MAX(e_easf10) AS e_easf10, MAX(e_easd01) AS e_easd01, MAX(e_easd02) AS e_easd02,
    MAX(e_easd03) AS e_easd03, MAX(e_easd04) AS e_easd04, MAX(e_eait) AS e_eait, MAX(e_erq1) AS e_erq1,
    MAX(e_erq2) AS e_erq2, MAX(e_erq3) AS e_erq3, MAX(e_erq4) AS e_erq4,
    SUM(injection_avg) AS injection_sum, MAX(injection_max) AS injection_max, SUM(overload) AS overloads
  FROM reading
  GROUP BY meter, t - MOD(t, 3600)
) g
JOIN reading latest ON latest.meter = g.meter AND latest.t = g.latest_t;
