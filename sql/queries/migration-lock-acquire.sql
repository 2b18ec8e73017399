-- Takes the free lock (owner, lease in seconds): a committed row under the primary key. Of two instances inserting it
-- at once, one fails: duplicate key on one server, certification failure (reported as deadlock 1213) on Galera.
INSERT INTO migration_lock (id, owner, expires) VALUES (1, ?, UNIX_TIMESTAMP() + ?)
