-- The hourly roll-up gets the injected power (sum of the minute averages, VA, so injection_sum / n is the hour's
-- average; and the highest) and the number of minutes with an overload (NULL when none). Hours stored before this
-- migration have NULL there: sql/queries/rebuild-reading-hour.sql recomputes them from the readings.
-- One statement, for the reason V3 gives.
ALTER TABLE reading_hour ADD COLUMN (
  injection_sum BIGINT,
  injection_max INT,
  overloads INT
);
