-- Every meter with its first and last reading time (epoch seconds).
SELECT meter, mode, first_t, last_t FROM meter ORDER BY meter
