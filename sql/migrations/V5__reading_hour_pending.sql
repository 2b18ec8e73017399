-- The hourly roll-up is no longer written by each ingestion request (issue 14: in a batch of many meters, every
-- reading updated a roll-up row of its own, a second row write per reading). A request now adds one row here, in
-- its own transaction: what its new readings add to each (meter, hour) of reading_hour, encoded by HourRollUp
-- (totals), and how many (meter, hour) that is (hours: the folder takes a bounded amount at a time). The
-- server folds these rows into reading_hour every few seconds and before every read of the chart's API, many
-- requests at once, and deletes them in the same transaction: each is folded exactly once.
-- Re-runnable, like every migration here (see SchemaMigration).
CREATE TABLE IF NOT EXISTS reading_hour_pending (
  id BIGINT NOT NULL AUTO_INCREMENT,
  hours INT NOT NULL,
  totals LONGBLOB NOT NULL,
  PRIMARY KEY (id)
);
