-- What the readings a request has just stored add to each (meter, hour) of reading_hour, encoded by HourRollUp (one
-- row per request, in its transaction; folded into reading_hour later: roll-up-fold-*.sql).
INSERT INTO reading_hour_pending (hours, totals) VALUES (?, ?)
