-- Frees the lock (owner).
DELETE FROM migration_lock WHERE id = 1 AND owner = ?
