-- The lock that lets one server instance at a time migrate the schema (MigrationLock). Not a Flyway migration: it
-- must exist before Flyway runs. DDL is replicated in total order on Galera, so every instance may run this at once.
CREATE TABLE IF NOT EXISTS migration_lock (
  id INT NOT NULL,
  owner VARCHAR(100) NOT NULL,
  expires BIGINT NOT NULL,
  PRIMARY KEY (id)
)
