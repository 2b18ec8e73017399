package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Minute readings of a historic "heures creuses" meter, inserted as plain rows (then the roll-up is rebuilt), with
 * figures simple enough to compute expectations by hand: HC from 22:00 to 06:00 Paris time, 10 Wh per minute in HC
 * (0.6 kWh per hour) and 20 Wh per minute in HP (1.2 kWh per hour).
 */
final class SeededReadings {
    static final String METER = "021528603314";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final long HC_WH_PER_MINUTE = 10;
    static final long HP_WH_PER_MINUTE = 20;

    /** One seeded minute, as inserted. */
    record Minute(long t, String period, int avg, int min, int max, long hchc, long hchp) {
    }

    final List<Minute> minutes = new ArrayList<>();

    /** Readings for every minute of [from, to). */
    SeededReadings(Instant from, Instant to) {
        long hchc = 1_000_000;
        long hchp = 2_000_000;
        for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t += 60) {
            LocalTime local = Instant.ofEpochSecond(t).atZone(PARIS).toLocalTime();
            boolean offPeak = local.getHour() >= 22 || local.getHour() < 6;
            if (offPeak) {
                hchc += HC_WH_PER_MINUTE;
            } else {
                hchp += HP_WH_PER_MINUTE;
            }
            int minuteOfDay = (int) (t / 60 % 1440);
            int avg = 300 + (minuteOfDay * 37) % 2900;
            int min = avg - (minuteOfDay % 5) * 20;
            int max = avg + (minuteOfDay % 11) * 50;
            minutes.add(new Minute(t, offPeak ? "HC" : "HP", avg, Math.max(0, min), max, hchc, hchp));
        }
    }

    void insertInto(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement reading = c.prepareStatement("INSERT INTO reading (meter, t, mode, tariff_option, "
                    + "period, period_raw, power_avg, power_min, power_max, current1, frames, rejected, e_hchc, e_hchp) "
                    + "VALUES (?, ?, 'historic', 'HC..', ?, ?, ?, ?, ?, ?, 40, 0, ?, ?)")) {
                int batched = 0;
                for (Minute m : minutes) {
                    reading.setString(1, METER);
                    reading.setLong(2, m.t());
                    reading.setString(3, m.period());
                    reading.setString(4, m.period() + "..");
                    reading.setInt(5, m.avg());
                    reading.setInt(6, m.min());
                    reading.setInt(7, m.max());
                    reading.setInt(8, m.avg() / 230);
                    reading.setLong(9, m.hchc());
                    reading.setLong(10, m.hchp());
                    reading.addBatch();
                    if (++batched % 2000 == 0) {
                        reading.executeBatch();
                    }
                }
                reading.executeBatch();
            }
            c.commit();
        }
        ReadingHourRebuild.run(dataSource);
    }
}
