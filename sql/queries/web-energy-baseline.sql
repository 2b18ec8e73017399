-- The tariff-period registers and the injection register at the end of the last hour before a time (Wh).
-- Parameters: meter, before.
SELECT t, e_base, e_hchc, e_hchp, e_ejphn, e_ejphpm, e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr,
  e_bbrhpjr, e_easf01, e_easf02, e_easf03, e_easf04, e_easf05, e_easf06, e_easf07, e_easf08, e_easf09, e_easf10,
  e_eait
FROM reading_hour
WHERE meter = ? AND t < ?
ORDER BY t DESC
LIMIT 1
