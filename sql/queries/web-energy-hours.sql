-- The tariff-period registers and the injection register at the end of each hour of a range (Wh), with the period
-- of the hour's latest reading. Parameters: meter, from, to.
SELECT t, e_base, e_hchc, e_hchp, e_ejphn, e_ejphpm, e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr,
  e_bbrhpjr, e_easf01, e_easf02, e_easf03, e_easf04, e_easf05, e_easf06, e_easf07, e_easf08, e_easf09, e_easf10,
  e_eait, period
FROM reading_hour
WHERE meter = ? AND t >= ? AND t < ?
ORDER BY t
