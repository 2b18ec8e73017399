-- The meter table is no longer written: web-meters.sql derives the same from reading_hour (one row write less per
-- reading at ingestion). Re-runnable, like every migration here (see SchemaMigration).
DROP TABLE IF EXISTS meter;
