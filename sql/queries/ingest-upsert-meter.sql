-- Keeps the meter table up to date with the readings just stored: first and last time seen, mode of the latest.
-- mode is assigned first: MySQL evaluates the assignments in order, with last_t still the stored one.
INSERT INTO meter (meter, mode, first_t, last_t) VALUES (?, ?, ?, ?)
ON DUPLICATE KEY UPDATE
  mode = CASE WHEN VALUES(last_t) >= last_t THEN VALUES(mode) ELSE mode END,
  first_t = LEAST(first_t, VALUES(first_t)),
  last_t = GREATEST(last_t, VALUES(last_t))
