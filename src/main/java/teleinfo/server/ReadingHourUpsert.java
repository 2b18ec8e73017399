package teleinfo.server;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import teleinfo.storage.SqlFiles;

/**
 * Adds what new readings add to the hourly roll-up, for {@link HourRollUp}'s fold: one row per (meter, hour), the
 * whole fold in one statement ({@code ingest-upsert-reading-hour.sql}). The statement names only the optional columns (registers,
 * injection, overloads) that the batch has values for: a meter sends 1 to 11 of the 31 registers, and every value
 * named costs the database parsing and storing, for each roll-up row, which in a batch of many meters is one row per
 * reading.
 */
final class ReadingHourUpsert {
    private static final String TEMPLATE = SqlFiles.statement("ingest-upsert-reading-hour.sql");
    /** The optional columns: the registers, then these three. */
    private static final int INJECTION_SUM = Registers.COUNT;
    private static final int INJECTION_MAX = Registers.COUNT + 1;
    private static final int OVERLOADS = Registers.COUNT + 2;
    private static final int OPTIONAL = Registers.COUNT + 3;

    /** The statement for each set of optional columns (bit i = optional column i), made once. */
    private final Map<Long, String> statements = new ConcurrentHashMap<>();

    /** Upserts what each (meter, hour) adds to its roll-up row, in the order given (key order: see HourRollUp). */
    void upsertTotals(Connection c, List<HourTotals> hours) throws SQLException {
        long columns = 0;
        for (HourTotals h : hours) {
            columns |= h.present;
        }
        try (PreparedStatement ps = c.prepareStatement(statements.computeIfAbsent(columns,
                ReadingHourUpsert::statement))) {
            for (HourTotals h : hours) {
                int p = 1;
                ps.setString(p++, h.meter);
                ps.setLong(p++, h.hour);
                ps.setInt(p++, h.n);
                ps.setLong(p++, h.powerSum);
                ps.setInt(p++, h.powerMin);
                ps.setInt(p++, h.powerMax);
                ps.setString(p++, h.period);
                ps.setLong(p++, h.latestT);
                for (int i = 0; i < OPTIONAL; i++) {
                    if ((columns & 1L << i) != 0) {
                        if ((h.present & 1L << i) != 0) {
                            ps.setLong(p++, h.optional[i]);
                        } else {
                            ps.setNull(p++, Types.BIGINT);
                        }
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The upsert naming the given optional columns, each with its rule. */
    static String statement(long columns) {
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (int i = 0; i < OPTIONAL; i++) {
            if ((columns & 1L << i) != 0) {
                String column = column(i);
                names.append(", ").append(column);
                values.append(", ?");
                updates.append(",\n  ").append(i == INJECTION_SUM || i == OVERLOADS
                        ? String.format("%1$s = COALESCE(%1$s + VALUES(%1$s), %1$s, VALUES(%1$s))", column)
                        : String.format("%1$s = COALESCE(GREATEST(%1$s, VALUES(%1$s)), %1$s, VALUES(%1$s))", column));
            }
        }
        return TEMPLATE.replace("{COLUMNS}", names).replace("{VALUES}", values).replace("{UPDATES}", updates);
    }

    private static String column(int i) {
        if (i < Registers.COUNT) {
            return Registers.column(i);
        }
        return i == INJECTION_SUM ? "injection_sum" : i == INJECTION_MAX ? "injection_max" : "overloads";
    }

    /** What the readings of each (meter, hour) add to its roll-up row, in the readings' order. */
    static List<HourTotals> totals(List<ReadingRow> sorted) {
        List<HourTotals> hours = new ArrayList<>();
        HourTotals h = null;
        for (ReadingRow r : sorted) {
            if (h == null || !h.meter.equals(r.meter()) || h.hour != r.hour()) {
                h = new HourTotals(r.meter(), r.hour());
                hours.add(h);
            }
            h.add(r);
        }
        return hours;
    }

    /** One roll-up row's share of a batch: n, power, the latest reading's period and time, the optional columns. */
    static final class HourTotals {
        final String meter;
        final long hour;
        int n;
        long powerSum;
        int powerMin = Integer.MAX_VALUE;
        int powerMax = Integer.MIN_VALUE;
        String period;
        long latestT = Long.MIN_VALUE;
        final long[] optional = new long[OPTIONAL];
        /** Bit i set when optional column i has a value. */
        long present;

        HourTotals(String meter, long hour) {
            this.meter = meter;
            this.hour = hour;
        }

        void add(ReadingRow r) {
            n++;
            powerSum += r.powerAvg();
            powerMin = Math.min(powerMin, r.powerMin());
            powerMax = Math.max(powerMax, r.powerMax());
            if (r.t() > latestT) {
                latestT = r.t();
                period = r.period();
            }
            for (int k = 0; k < Registers.COUNT; k++) {
                if (r.registers()[k] != ReadingRow.NO_VALUE) {
                    highest(k, r.registers()[k]);
                }
            }
            if (r.injectionAvg() != null) {
                sum(INJECTION_SUM, r.injectionAvg());
            }
            if (r.injectionMax() != null) {
                highest(INJECTION_MAX, r.injectionMax());
            }
            if (r.details().overload()) {
                sum(OVERLOADS, 1);
            }
        }

        /** Adds what another share of the same (meter, hour) holds, by the same rules. */
        void merge(HourTotals o) {
            n += o.n;
            powerSum += o.powerSum;
            powerMin = Math.min(powerMin, o.powerMin);
            powerMax = Math.max(powerMax, o.powerMax);
            if (o.latestT > latestT) {
                latestT = o.latestT;
                period = o.period;
            }
            for (int i = 0; i < OPTIONAL; i++) {
                if ((o.present & 1L << i) != 0) {
                    if (i == INJECTION_SUM || i == OVERLOADS) {
                        sum(i, o.optional[i]);
                    } else {
                        highest(i, o.optional[i]);
                    }
                }
            }
        }

        void write(DataOutput out) throws IOException {
            out.writeUTF(meter);
            out.writeLong(hour);
            out.writeInt(n);
            out.writeLong(powerSum);
            out.writeInt(powerMin);
            out.writeInt(powerMax);
            out.writeUTF(period);
            out.writeLong(latestT);
            out.writeLong(present);
            for (int i = 0; i < OPTIONAL; i++) {
                if ((present & 1L << i) != 0) {
                    out.writeLong(optional[i]);
                }
            }
        }

        static HourTotals read(DataInput in) throws IOException {
            HourTotals h = new HourTotals(in.readUTF(), in.readLong());
            h.n = in.readInt();
            h.powerSum = in.readLong();
            h.powerMin = in.readInt();
            h.powerMax = in.readInt();
            h.period = in.readUTF();
            h.latestT = in.readLong();
            h.present = in.readLong();
            for (int i = 0; i < OPTIONAL; i++) {
                if ((h.present & 1L << i) != 0) {
                    h.optional[i] = in.readLong();
                }
            }
            return h;
        }

        private void highest(int i, long value) {
            optional[i] = (present & 1L << i) == 0 ? value : Math.max(optional[i], value);
            present |= 1L << i;
        }

        private void sum(int i, long value) {
            optional[i] = (present & 1L << i) == 0 ? value : optional[i] + value;
            present |= 1L << i;
        }
    }
}
