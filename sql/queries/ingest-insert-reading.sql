-- One new reading (ReadingStore binds the parameters in this column order; it inserts only readings it found absent,
-- so a duplicate key here means a concurrent request stored the same reading: the transaction is retried).
INSERT INTO reading (
  meter, t, mode, tariff_option, period, period_raw, power_avg, power_min, power_max, injection_avg,
  injection_min, injection_max, current1, current2, current3, voltage1, voltage2, voltage3, frames, rejected,
  e_base, e_hchc, e_hchp, e_ejphn, e_ejphpm, e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr,
  e_bbrhpjr, e_east, e_easf01, e_easf02, e_easf03, e_easf04, e_easf05, e_easf06, e_easf07, e_easf08,
  e_easf09, e_easf10, e_easd01, e_easd02, e_easd03, e_easd04, e_eait, e_erq1, e_erq2, e_erq3, e_erq4,
  phase_power1, phase_power2, phase_power3, subscribed_va, status_register, tomorrow, overload, peak_notice
) VALUES (
  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
)
