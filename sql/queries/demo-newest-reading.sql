-- The newest stored reading of a meter, with the registers the demo's simulated meters send
SELECT t, e_hchc, e_hchp, e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr, e_bbrhpjr, e_easf01, e_easf02, e_eait
FROM reading WHERE meter = ? ORDER BY t DESC LIMIT 1
