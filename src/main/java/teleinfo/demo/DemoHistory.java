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
 * The demo's past. At the first start: three days of the simulated meter, decoded and folded into minute readings
 * by the collector's own classes, validated and stored by the server's own classes. At a later start: the simulated
 * meter carries on from its newest reading (stored, or still waiting in the spool), so that its registers never go
 * backwards.
 */
final class DemoHistory {
    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    static final Duration LENGTH = Duration.ofDays(3);
    /** One frame every 10 s of the past (the line sends one every 1-2 s): six per reading is plenty. */
    static final Duration FRAME_STEP = Duration.ofSeconds(10);

    private final MeterSimulator meter;
    private final Path spoolDir;

    DemoHistory(MeterSimulator meter, Path spoolDir) {
        this.meter = meter;
        this.spoolDir = spoolDir;
    }

    void prepare(DataSource database) {
        try {
            Reading newest = newest(database);
            if (newest != null) {
                meter.continueFrom(newest.registers().getOrDefault("EASF01", 0L),
                        newest.registers().getOrDefault("EASF02", 0L));
                LOG.info("demo: the simulated meter carries on from its reading of {}", newest.time());
                return;
            }
            Instant now = Instant.now();
            List<Reading> readings = generate(now.minus(LENGTH).truncatedTo(ChronoUnit.MINUTES), now);
            var rows = new ReadingValidator().validate(ReadingJson.mapper().valueToTree(readings), readings.size());
            new ReadingStore(database).store(rows);
            LOG.info("demo: {} days of history stored ({} readings)", LENGTH.toDays(), readings.size());
        } catch (IOException e) {
            throw new UncheckedIOException("demo: cannot read the spool " + spoolDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("demo: cannot read the database: " + e.getMessage(), e);
        }
    }

    /** The minute readings of [from, to). */
    private List<Reading> generate(Instant from, Instant to) {
        List<Reading> readings = new ArrayList<>();
        MinuteAggregate[] minute = new MinuteAggregate[1];
        Instant[] minuteStart = new Instant[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, view -> {
            TicFrame frame = view.toFrame();
            Instant t = frame.meterTime().truncatedTo(ChronoUnit.MINUTES);
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
                    newest = new Reading(meter.config().meterId(), Instant.ofEpochSecond(rs.getLong(1)), "standard",
                            null, "T1", null, null, null, List.of(), List.of(),
                            Map.of("EASF01", rs.getLong(2), "EASF02", rs.getLong(3)), 1, 0);
                }
            }
        }
        Optional<Path> waiting = new Spool(spoolDir).newest();
        if (waiting.isPresent()) {
            Reading r = ReadingJson.mapper().readValue(waiting.get().toFile(), Reading.class);
            if (newest == null || r.time().isAfter(newest.time())) {
                newest = r;
            }
        }
        return newest;
    }
}
