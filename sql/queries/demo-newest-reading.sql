-- The newest stored reading of a meter, with the registers of the demo's simulated Linky (standard mode)
SELECT t, e_easf01, e_easf02 FROM reading WHERE meter = ? ORDER BY t DESC LIMIT 1
