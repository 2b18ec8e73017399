package teleinfo.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.collector.MinuteAggregate;
import teleinfo.collector.Spool;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;
import teleinfo.server.ReadingStore;
import teleinfo.server.ReadingValidator;
import teleinfo.simulator.MeterSimulator;
import teleinfo.storage.SqlFiles;

/**
 * The demo's past. At the first start: five weeks of a simulated meter (enough for a last month and this month's
 * costs), decoded and folded into minute readings by the collector's own classes, validated and stored by the
 * server's own classes. At a later start: the simulated meter carries on from its newest reading (stored, or still
 * waiting in the spool), so that its registers never go backwards. The meters that no collector route reads (the
 * demo's second and third meters) are kept up to date by {@link #topUp(DataSource)}, every minute.
 */
public final class DemoHistory {
    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    static final Duration LENGTH = Duration.ofDays(35);
    /** One frame per minute of the past (the line sends one every 1-2 s): five weeks are made in seconds. */
    static final Duration FRAME_STEP = Duration.ofSeconds(60);

    private final MeterSimulator meter;
    private final Path spoolDir;
    /** The start of the first minute not stored yet (meters without a collector route only). */
    private Instant next;

    /** @param spoolDir the collector's spool for the meter it reads; null for a meter only this class feeds */
    DemoHistory(MeterSimulator meter, Path spoolDir) {
        this.meter = meter;
        this.spoolDir = spoolDir;
    }

    String meterId() {
        return meter.config().meterId();
    }

    /** Stores the minutes of a meter without collector route from its newest reading up to now. */
    synchronized int topUp(DataSource database) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        if (next == null || !next.isBefore(now)) {
            return 0;
        }
        List<Reading> readings = generate(next, now);
        store(database, readings);
        next = now;
        return readings.size();
    }

    /**
     * Validates and stores readings with the server's own classes, a day of minutes per transaction (short
     * transactions: the page keeps answering while weeks of history go in).
     */
    public static void store(DataSource database, List<Reading> readings) {
        ReadingStore store = new ReadingStore(database);
        for (int from = 0; from < readings.size(); from += 1440) {
            List<Reading> day = readings.subList(from, Math.min(readings.size(), from + 1440));
            store.store(new ReadingValidator().validate(ReadingJson.mapper().valueToTree(day), day.size()));
        }
    }

    void prepare(DataSource database) {
        try {
            Reading newest = newest(database);
            Instant now = Instant.now();
            Instant start = now.minus(LENGTH).truncatedTo(ChronoUnit.MINUTES);
            if (newest != null) {
                meter.continueFrom(newest.registers());
                LOG.info("demo: the simulated meter {} carries on from its reading of {}", meterId(), newest.time());
                start = newest.time().plusSeconds(60).isAfter(start) ? newest.time().plusSeconds(60) : start;
                if (spoolDir != null) {
                    return;
                }
            }
            List<Reading> readings = generate(start, now);
            store(database, readings);
            next = now.truncatedTo(ChronoUnit.MINUTES);
            if (newest == null) {
                LOG.info("demo: {} days of history stored for meter {} ({} readings)", LENGTH.toDays(), meterId(),
                        readings.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demo: cannot read the spool " + spoolDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("demo: cannot read the database: " + e.getMessage(), e);
        }
    }

    private List<Reading> generate(Instant from, Instant to) {
        return readings(meter, from, to);
    }

    /**
     * The minute readings of a simulated meter over [from, to), one frame per {@link #FRAME_STEP}, decoded and folded
     * by the collector's own classes (the demo, the tests and the web benchmark use it).
     */
    public static List<Reading> readings(MeterSimulator meter, Instant from, Instant to) {
        List<Reading> readings = new ArrayList<>();
        MinuteAggregate[] minute = new MinuteAggregate[1];
        Instant[] minuteStart = new Instant[1];
        Instant[] sent = new Instant[1];
        TicFrameDecoder decoder = new TicFrameDecoder(meter.config().mode(), view -> {
            TicFrame frame = view.toFrame();
            Instant t = sent[0].truncatedTo(ChronoUnit.MINUTES); // historic frames carry no time
            if (minute[0] != null && !minuteStart[0].equals(t)) {
                readings.add(minute[0].toReading());
                minute[0] = null;
            }
            if (minute[0] == null) {
                minute[0] = new MinuteAggregate(frame.meterId(), t);
                minuteStart[0] = t;
            }
            minute[0].accept(frame);
        });
        Instant stop = to.truncatedTo(ChronoUnit.MINUTES);
        for (Instant t = from; t.isBefore(stop); t = t.plus(FRAME_STEP)) {
            sent[0] = t;
            decoder.feed(meter.frameAt(t));
        }
        if (minute[0] != null) {
            readings.add(minute[0].toReading());
        }
        return readings;
    }

    /** The newest reading of the simulated meter, stored or still waiting in the spool; null if there is none. */
    private Reading newest(DataSource database) throws IOException, SQLException {
        Reading newest = null;
        try (Connection c = database.getConnection();
                PreparedStatement ps = c.prepareStatement(SqlFiles.statement("demo-newest-reading.sql"))) {
            ps.setString(1, meter.config().meterId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Map<String, Long> registers = new HashMap<>();
                    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                        long value = rs.getLong(i);
                        if (!rs.wasNull()) {
                            registers.put(rs.getMetaData().getColumnLabel(i).substring(2).toUpperCase(Locale.ROOT),
                                    value);
                        }
                    }
                    newest = new Reading(meter.config().meterId(), Instant.ofEpochSecond(rs.getLong(1)),
                            meter.config().mode().jsonName(), null, "T1", null, null, null, List.of(), List.of(),
                            registers, 1, 0);
                }
            }
        }
        Optional<Path> waiting = spoolDir == null ? Optional.empty() : new Spool(spoolDir).newest();
        if (waiting.isPresent()) {
            Reading r = ReadingJson.mapper().readValue(waiting.get().toFile(), Reading.class);
            if (newest == null || r.time().isAfter(newest.time())) {
                newest = r;
            }
        }
        return newest;
    }
}
