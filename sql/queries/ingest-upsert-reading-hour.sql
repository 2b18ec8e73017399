-- Adds the readings just stored for one meter and hour to the hourly roll-up (ReadingStore aggregates them first:
-- n, sum/min/max of power, period of the latest, max of each register, NULL when absent; sum and max of injected
-- power and the number of overloaded minutes, NULL when none). Same result as
-- rebuilding the hour from table reading: counts and sums add up, min/max/registers combine, NULLs are ignored.
-- No parameter after VALUES: the MySQL driver then sends a whole batch as one multi-row statement.
INSERT INTO reading_hour (
  meter, t, n, power_sum, power_min, power_max, period, e_base, e_hchc, e_hchp, e_ejphn, e_ejphpm, e_bbrhcjb,
  e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr, e_bbrhpjr, e_east, e_easf01, e_easf02, e_easf03, e_easf04,
  e_easf05, e_easf06, e_easf07, e_easf08, e_easf09, e_easf10, e_easd01, e_easd02, e_easd03, e_easd04, e_eait,
  e_erq1, e_erq2, e_erq3, e_erq4, injection_sum, injection_max, overloads
) VALUES (
  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
  ?, ?, ?, ?, ?
)
ON DUPLICATE KEY UPDATE
  n = n + VALUES(n),
  power_sum = power_sum + VALUES(power_sum),
  power_min = LEAST(power_min, VALUES(power_min)),
  power_max = GREATEST(power_max, VALUES(power_max)),
  -- the period of the latest reading of the hour, which may be an older one when readings arrive out of order
  period = (SELECT r.period FROM reading r
            WHERE r.meter = reading_hour.meter AND r.t >= reading_hour.t AND r.t < reading_hour.t + 3600
            ORDER BY r.t DESC LIMIT 1),
  e_base = COALESCE(GREATEST(e_base, VALUES(e_base)), e_base, VALUES(e_base)),
  e_hchc = COALESCE(GREATEST(e_hchc, VALUES(e_hchc)), e_hchc, VALUES(e_hchc)),
  e_hchp = COALESCE(GREATEST(e_hchp, VALUES(e_hchp)), e_hchp, VALUES(e_hchp)),
  e_ejphn = COALESCE(GREATEST(e_ejphn, VALUES(e_ejphn)), e_ejphn, VALUES(e_ejphn)),
  e_ejphpm = COALESCE(GREATEST(e_ejphpm, VALUES(e_ejphpm)), e_ejphpm, VALUES(e_ejphpm)),
  e_bbrhcjb = COALESCE(GREATEST(e_bbrhcjb, VALUES(e_bbrhcjb)), e_bbrhcjb, VALUES(e_bbrhcjb)),
  e_bbrhpjb = COALESCE(GREATEST(e_bbrhpjb, VALUES(e_bbrhpjb)), e_bbrhpjb, VALUES(e_bbrhpjb)),
  e_bbrhcjw = COALESCE(GREATEST(e_bbrhcjw, VALUES(e_bbrhcjw)), e_bbrhcjw, VALUES(e_bbrhcjw)),
  e_bbrhpjw = COALESCE(GREATEST(e_bbrhpjw, VALUES(e_bbrhpjw)), e_bbrhpjw, VALUES(e_bbrhpjw)),
  e_bbrhcjr = COALESCE(GREATEST(e_bbrhcjr, VALUES(e_bbrhcjr)), e_bbrhcjr, VALUES(e_bbrhcjr)),
  e_bbrhpjr = COALESCE(GREATEST(e_bbrhpjr, VALUES(e_bbrhpjr)), e_bbrhpjr, VALUES(e_bbrhpjr)),
  e_east = COALESCE(GREATEST(e_east, VALUES(e_east)), e_east, VALUES(e_east)),
  e_easf01 = COALESCE(GREATEST(e_easf01, VALUES(e_easf01)), e_easf01, VALUES(e_easf01)),
  e_easf02 = COALESCE(GREATEST(e_easf02, VALUES(e_easf02)), e_easf02, VALUES(e_easf02)),
  e_easf03 = COALESCE(GREATEST(e_easf03, VALUES(e_easf03)), e_easf03, VALUES(e_easf03)),
  e_easf04 = COALESCE(GREATEST(e_easf04, VALUES(e_easf04)), e_easf04, VALUES(e_easf04)),
  e_easf05 = COALESCE(GREATEST(e_easf05, VALUES(e_easf05)), e_easf05, VALUES(e_easf05)),
  e_easf06 = COALESCE(GREATEST(e_easf06, VALUES(e_easf06)), e_easf06, VALUES(e_easf06)),
  e_easf07 = COALESCE(GREATEST(e_easf07, VALUES(e_easf07)), e_easf07, VALUES(e_easf07)),
  e_easf08 = COALESCE(GREATEST(e_easf08, VALUES(e_easf08)), e_easf08, VALUES(e_easf08)),
  e_easf09 = COALESCE(GREATEST(e_easf09, VALUES(e_easf09)), e_easf09, VALUES(e_easf09)),
  e_easf10 = COALESCE(GREATEST(e_easf10, VALUES(e_easf10)), e_easf10, VALUES(e_easf10)),
  e_easd01 = COALESCE(GREATEST(e_easd01, VALUES(e_easd01)), e_easd01, VALUES(e_easd01)),
  e_easd02 = COALESCE(GREATEST(e_easd02, VALUES(e_easd02)), e_easd02, VALUES(e_easd02)),
  e_easd03 = COALESCE(GREATEST(e_easd03, VALUES(e_easd03)), e_easd03, VALUES(e_easd03)),
  e_easd04 = COALESCE(GREATEST(e_easd04, VALUES(e_easd04)), e_easd04, VALUES(e_easd04)),
  e_eait = COALESCE(GREATEST(e_eait, VALUES(e_eait)), e_eait, VALUES(e_eait)),
  e_erq1 = COALESCE(GREATEST(e_erq1, VALUES(e_erq1)), e_erq1, VALUES(e_erq1)),
  e_erq2 = COALESCE(GREATEST(e_erq2, VALUES(e_erq2)), e_erq2, VALUES(e_erq2)),
  e_erq3 = COALESCE(GREATEST(e_erq3, VALUES(e_erq3)), e_erq3, VALUES(e_erq3)),
  e_erq4 = COALESCE(GREATEST(e_erq4, VALUES(e_erq4)), e_erq4, VALUES(e_erq4)),
  injection_sum = COALESCE(injection_sum + VALUES(injection_sum), injection_sum, VALUES(injection_sum)),
  injection_max = COALESCE(GREATEST(injection_max, VALUES(injection_max)), injection_max, VALUES(injection_max)),
  overloads = COALESCE(overloads + VALUES(overloads), overloads, VALUES(overloads))
