-- Which energy registers have values in a range (non-zero = present), to choose the CSV columns.
-- Parameters: meter, from, to.
SELECT COUNT(e_base) AS e_base, COUNT(e_hchc) AS e_hchc, COUNT(e_hchp) AS e_hchp, COUNT(e_ejphn) AS e_ejphn,
  COUNT(e_ejphpm) AS e_ejphpm, COUNT(e_bbrhcjb) AS e_bbrhcjb, COUNT(e_bbrhpjb) AS e_bbrhpjb, COUNT(e_bbrhcjw) AS e_bbrhcjw,
  COUNT(e_bbrhpjw) AS e_bbrhpjw, COUNT(e_bbrhcjr) AS e_bbrhcjr, COUNT(e_bbrhpjr) AS e_bbrhpjr, COUNT(e_east) AS e_east,
  COUNT(e_easf01) AS e_easf01, COUNT(e_easf02) AS e_easf02, COUNT(e_easf03) AS e_easf03, COUNT(e_easf04) AS e_easf04,
  COUNT(e_easf05) AS e_easf05, COUNT(e_easf06) AS e_easf06, COUNT(e_easf07) AS e_easf07, COUNT(e_easf08) AS e_easf08,
  COUNT(e_easf09) AS e_easf09, COUNT(e_easf10) AS e_easf10, COUNT(e_easd01) AS e_easd01, COUNT(e_easd02) AS e_easd02,
  COUNT(e_easd03) AS e_easd03, COUNT(e_easd04) AS e_easd04, COUNT(e_eait) AS e_eait, COUNT(e_erq1) AS e_erq1,
  COUNT(e_erq2) AS e_erq2, COUNT(e_erq3) AS e_erq3, COUNT(e_erq4) AS e_erq4
FROM reading_hour
WHERE meter = ? AND t >= ? AND t < ?
