-- What the chart page shows beyond power and energy (issue 12): apparent power per phase (SINSTS1-3), subscribed
-- power, the standard-mode status register (STGE), Tempo's colour of tomorrow (historic DEMAIN), the overload and EJP
-- notice flags (1 or NULL). Readings stored before, or sent by older collectors, have NULL there.
-- One statement, so that it is applied whole or not at all (atomic DDL on MySQL 8 and MariaDB, transactional on H2)
-- and can be run again after a failure (IF NOT EXISTS is not MySQL 8 syntax for columns).
ALTER TABLE reading ADD COLUMN (
  phase_power1 INT,
  phase_power2 INT,
  phase_power3 INT,
  subscribed_va INT,
  status_register VARCHAR(8),
  tomorrow VARCHAR(4),
  overload SMALLINT,
  peak_notice SMALLINT
);
