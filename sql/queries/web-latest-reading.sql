-- The latest reading of a meter. Parameters: meter.
SELECT t, period, period_raw, tariff_option, power_avg, injection_avg, current2, phase_power1, subscribed_va,
  status_register, tomorrow, peak_notice
FROM reading WHERE meter = ? ORDER BY t DESC LIMIT 1
