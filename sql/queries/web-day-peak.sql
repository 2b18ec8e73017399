-- The highest power of a range, when it was reached, and the minutes with an overload. Parameters: meter, from, to
-- (twice).
SELECT (SELECT MAX(power_max) FROM reading WHERE meter = ? AND t >= ? AND t < ?) AS peak,
  (SELECT COUNT(overload) FROM reading WHERE meter = ? AND t >= ? AND t < ?) AS overloads
