package teleinfo.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.protocol.TicFrame;

/**
 * What waits to be published: the latest accepted frame and the latest closed reading of each meter, nothing more.
 * Memory is bounded whatever the broker does (a broker down for a week costs nothing: the next publication is the
 * latest state). The frame path only stores a reference here ({@link #offerFrame}, {@link #offerReading}); the JSON is
 * made on the publishing thread. Thread-safe.
 */
public final class MqttOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(MqttOutbox.class);
    /** A line carries one meter; a few more are tolerated (a replayed capture of another meter), no more. */
    static final int MAX_METERS = 4;

    private final MqttTopics topics;
    private final Path announcedFile;
    /** What the file said was announced before this start: meter → {@code component/key}. */
    private final Map<String, Set<String>> announcedBefore;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final AtomicBoolean discoveryWanted = new AtomicBoolean(true);

    private static final class Meter {
        volatile TicFrame frame;
        volatile Instant time;
        volatile String reading;
        // publishing thread only
        TicFrame published;
        TicFrame entitiesFrom;
        Announced current;
        Announced announced = new Announced(null, Map.of());
    }

    /** The state a meter's entities were derived from, and those entities by {@code component/key}. */
    record Announced(LiveState state, Map<String, HomeAssistantDiscovery.Entity> entities) {
    }

    /** The discovery messages of one round, and what is announced once they are all delivered. */
    public record DiscoveryRound(List<Publication> publications, Map<String, Announced> announced) {
    }

    /**
     * @param announcedFile where the announced entities are remembered across restarts (one line per entity:
     *                      {@code <meter> <component>/<key>}), so that an entity that no longer applies after a mode or
     *                      option change made while the collector was stopped is still removed; null: not remembered
     */
    public MqttOutbox(MqttTopics topics, Path announcedFile) {
        this.topics = topics;
        this.announcedFile = announcedFile;
        this.announcedBefore = read(announcedFile);
    }

    public MqttTopics topics() {
        return topics;
    }

    /** A frame that passed the decoder and the plausibility check; {@code time} is the frame's time. */
    public void offerFrame(String meter, TicFrame frame, Instant time) {
        Meter m = meter(meter);
        if (m != null) {
            m.time = time;
            m.frame = frame;
        }
    }

    /** A closed minute, as the JSON the HTTP path sends (docs/READING.md). Replaces one not yet published. */
    public void offerReading(String meter, String json) {
        Meter m = meter(meter);
        if (m != null) {
            m.reading = json;
        }
    }

    private Meter meter(String id) {
        Meter m = meters.get(id);
        if (m == null && meters.size() < MAX_METERS) {
            m = meters.computeIfAbsent(id, k -> new Meter());
        }
        return m;
    }

    /** After a (re)connection or Home Assistant's birth message: every config is sent again. */
    public void requestDiscovery() {
        discoveryWanted.set(true);
    }

    /** The live state of each meter that sent a frame since the last call (retained), and the pending readings. */
    public List<Publication> stateAndReadings() {
        List<Publication> out = new ArrayList<>();
        meters.forEach((id, m) -> {
            TicFrame f = m.frame;
            if (f != null && f != m.published) {
                m.published = f;
                out.add(new Publication(topics.state(id), LiveState.of(id, f, m.time).toJson(), true, 0));
            }
            String reading = m.reading;
            if (reading != null) {
                out.add(new Publication(topics.reading(id), reading, false, 1));
            }
        });
        return out;
    }

    /** The reading was delivered: forget it unless a newer one arrived meanwhile. */
    public void published(Publication p) {
        meters.forEach((id, m) -> {
            if (p.topic().equals(topics.reading(id))) {
                String sent = p.payload();
                if (sent.equals(m.reading)) {
                    m.reading = null;
                }
            }
        });
    }

    /**
     * The configs to send now: every config of every meter after {@link #requestDiscovery()}, else only those of a
     * meter whose set of entities changed (a new value, another mode or option), with an empty retained config for
     * each entity that no longer applies (Home Assistant then removes it). Empty when nothing changed.
     */
    public DiscoveryRound discovery() {
        if (!topics.discovery()) {
            return new DiscoveryRound(List.of(), Map.of());
        }
        boolean all = discoveryWanted.getAndSet(false);
        List<Publication> out = new ArrayList<>();
        Map<String, Announced> announced = new LinkedHashMap<>();
        meters.forEach((id, m) -> {
            TicFrame f = m.frame;
            if (f == null) {
                return;
            }
            if (f != m.entitiesFrom) {
                LiveState state = LiveState.of(id, f, m.time);
                Map<String, HomeAssistantDiscovery.Entity> entities = new LinkedHashMap<>();
                for (HomeAssistantDiscovery.Entity e : HomeAssistantDiscovery.entities(state)) {
                    entities.put(e.component() + "/" + e.key(), e);
                }
                m.current = new Announced(state, entities);
                m.entitiesFrom = f;
            }
            Announced now = m.current;
            Announced before = m.announced;
            boolean changed = !now.entities().keySet().equals(before.entities().keySet())
                    || before.state() == null || !sameDevice(before.state(), now.state());
            if (all || changed) {
                Set<String> stale = new TreeSet<>(before.entities().keySet());
                if (before.state() == null) {
                    stale.addAll(announcedBefore.getOrDefault(id, Set.of()));
                }
                stale.removeAll(now.entities().keySet());
                for (String componentKey : stale) {
                    int slash = componentKey.indexOf('/');
                    out.add(new Publication(topics.config(componentKey.substring(0, slash), id,
                            componentKey.substring(slash + 1)), "", true, 1));
                }
                for (HomeAssistantDiscovery.Entity e : now.entities().values()) {
                    out.add(new Publication(topics.config(e.component(), id, e.key()),
                            HomeAssistantDiscovery.config(e, now.state(), topics), true, 1));
                }
                announced.put(id, now);
            }
        });
        return new DiscoveryRound(out, announced);
    }

    /** Every publication of the round was delivered: its entities are the announced ones from now on. */
    public void announced(DiscoveryRound round) {
        round.announced().forEach((id, now) -> {
            Meter m = meters.get(id);
            if (m != null) {
                m.announced = now;
            }
        });
        if (!round.announced().isEmpty()) {
            write();
        }
    }

    private static Map<String, Set<String>> read(Path file) {
        Map<String, Set<String>> out = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].matches("(sensor|binary_sensor)/[a-z0-9_]+")) {
                    out.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {} ({}): entities announced before this start will not be removed", file,
                    e.getMessage());
        }
        return out;
    }

    /** Written whole to a temporary file, then renamed over the old one: a reader sees the old or the new list. */
    private void write() {
        if (announcedFile == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        meters.forEach((id, m) -> m.announced.entities().keySet()
                .forEach(k -> sb.append(id).append(' ').append(k).append('\n')));
        // meters not seen since this start keep what they had
        announcedBefore.forEach((id, keys) -> {
            if (!meters.containsKey(id)) {
                keys.forEach(k -> sb.append(id).append(' ').append(k).append('\n'));
            }
        });
        try {
            Path tmp = announcedFile.resolveSibling(".tmp-" + announcedFile.getFileName());
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, announcedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}): a later restart may leave stale Home Assistant entities", announcedFile,
                    e.getMessage());
        }
    }

    private static boolean sameDevice(LiveState a, LiveState b) {
        return a.mode() == b.mode() && java.util.Objects.equals(a.option(), b.option());
    }
}
