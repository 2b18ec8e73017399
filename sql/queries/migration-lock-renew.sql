-- Extends the lease while the migration runs (new lease in seconds, owner).
UPDATE migration_lock SET expires = UNIX_TIMESTAMP() + ? WHERE id = 1 AND owner = ?
