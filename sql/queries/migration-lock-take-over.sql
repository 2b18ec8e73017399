-- Takes the lock over from an instance that died holding it (its lease ran out): one row updated = taken. Two
-- instances doing it at once on different Galera nodes write the same row: one fails certification.
UPDATE migration_lock SET owner = ?, expires = UNIX_TIMESTAMP() + ? WHERE id = 1 AND expires < UNIX_TIMESTAMP()
