-- Which of the readings of a request are already stored. ReadingStore replaces KEYS by one (?, ?) per
-- (meter, t); MySQL, MariaDB and H2 answer it from the primary key.
SELECT meter, t FROM reading WHERE (meter, t) IN (KEYS)
