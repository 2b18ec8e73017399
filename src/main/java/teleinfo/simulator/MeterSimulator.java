package teleinfo.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import teleinfo.protocol.TicEncoder;
import teleinfo.protocol.TicMode;

/**
 * A household meter on an "heures creuses" contract (off-peak 22:00-06:00, Europe/Paris), historic or standard,
 * single- or three-phase. {@link #frameAt(Instant)} gives the TIC bytes of the frame the meter would send at a
 * virtual instant; instants must not go backwards, because the energy registers integrate the load between them
 * (so a month of history is generated in a loop, not in a month).
 */
public final class MeterSimulator {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HORODATE = DateTimeFormatter.ofPattern("yyMMddHHmmss", Locale.ROOT);
    /** Silence between two frames (spec: 16.7 to 33.4 ms). */
    static final Duration INTER_FRAME_GAP = Duration.ofMillis(25);

    /**
     * @param subscribedKva PREF in standard mode; ISOUSC = kVA x 1000 / 200 V (a third of it per phase when three-phase)
     */
    public record Config(TicMode mode, boolean threePhase, String meterId, int subscribedKva, long seed) {
        public Config {
            if (mode == null) {
                throw new IllegalArgumentException("mode is required");
            }
            if (meterId == null || !meterId.matches("\\d{12}")) {
                throw new IllegalArgumentException("meterId must be 12 digits");
            }
        }

        public static Config defaults(TicMode mode, boolean threePhase) {
            return new Config(mode, threePhase, mode == TicMode.STANDARD ? "041876097451" : "021528603314",
                    threePhase ? 12 : 9, 42);
        }
    }

    private final Config config;
    private final Random random;
    private Instant last;
    private double offPeakWh = 12_345_678;
    private double peakWh = 23_456_789;
    private int dayMaxVa;
    private int day = -1;

    public MeterSimulator(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    public Config config() {
        return config;
    }

    /**
     * Carries on from a meter's last known registers (e.g. the last reading stored before a restart): registers only
     * move forward, so a lower value than the current one is ignored.
     */
    public void continueFrom(long offPeakWh, long peakWh) {
        this.offPeakWh = Math.max(this.offPeakWh, offPeakWh);
        this.peakWh = Math.max(this.peakWh, peakWh);
    }

    /** Off-peak (HC) register, Wh. */
    public long offPeakWh() {
        return (long) offPeakWh;
    }

    /** Peak (HP) register, Wh. */
    public long peakWh() {
        return (long) peakWh;
    }

    /** Time the frame takes on the line at the mode's speed (10 bits per character). */
    public static Duration transmissionTime(int bytes, TicMode mode) {
        return Duration.ofNanos(bytes * 10L * 1_000_000_000L / mode.baudRate());
    }

    public static boolean offPeak(ZonedDateTime local) {
        int h = local.getHour();
        return h >= 22 || h < 6;
    }

    /** The complete frame (STX .. ETX) at the given instant, advancing the registers to it. */
    public byte[] frameAt(Instant t) {
        if (last != null && t.isBefore(last)) {
            throw new IllegalArgumentException("time went backwards: " + t + " < " + last);
        }
        ZonedDateTime local = t.atZone(PARIS);
        int va = load(local);
        boolean hc = offPeak(local);
        if (last != null) {
            double wh = va * (Duration.between(last, t).toNanos() / 3.6e12);
            if (hc) {
                offPeakWh += wh;
            } else {
                peakWh += wh;
            }
        }
        last = t;
        if (local.getDayOfYear() != day) {
            day = local.getDayOfYear();
            dayMaxVa = 0;
        }
        dayMaxVa = Math.max(dayMaxVa, va);
        return config.mode() == TicMode.STANDARD ? standardFrame(local, va, hc) : historicFrame(va, hc);
    }

    /**
     * Apparent power: a base load with a fridge cycle, a morning and an evening peak, and appliances switching on
     * and off (the random part), never above the subscribed power.
     */
    int load(ZonedDateTime local) {
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double va = 250
                + (local.getMinute() % 30 < 12 ? 120 : 0)
                + 1400 * bell(hour, 7.5, 0.8)
                + 2200 * bell(hour, 19.5, 1.5)
                + (hour >= 22.5 || hour < 1 ? 1800 : 0)
                + random.nextGaussian() * 40;
        return (int) Math.max(60, Math.min(va, config.subscribedKva() * 1000 - 100));
    }

    private static double bell(double x, double mean, double width) {
        double d = (x - mean) / width;
        return Math.exp(-d * d / 2);
    }

    private byte[] historicFrame(int va, boolean hc) {
        TicEncoder f = new TicEncoder().startFrame();
        int papp = (va + 5) / 10 * 10;
        f.historic("ADCO", config.meterId());
        f.historic("OPTARIF", "HC..");
        f.historic("ISOUSC", two(config.subscribedKva() * 1000 / 200 / (config.threePhase() ? 3 : 1)));
        f.historic("HCHC", nine(offPeakWh()));
        f.historic("HCHP", nine(peakWh()));
        f.historic("PTEC", hc ? "HC.." : "HP..");
        if (config.threePhase()) {
            int[] i = phaseCurrents(va);
            f.historic("IINST1", three(i[0]));
            f.historic("IINST2", three(i[1]));
            f.historic("IINST3", three(i[2]));
            f.historic("IMAX1", "060");
            f.historic("IMAX2", "060");
            f.historic("IMAX3", "060");
            f.historic("PMAX", String.format(Locale.ROOT, "%05d", (dayMaxVa + 5) / 10 * 10));
            f.historic("PAPP", String.format(Locale.ROOT, "%05d", papp));
            f.historic("HHPHC", "A");
            f.historic("MOTDETAT", "000000");
            f.historic("PPOT", "00");
        } else {
            f.historic("IINST", three(Math.round(va / 230f)));
            f.historic("IMAX", "090");
            f.historic("PAPP", String.format(Locale.ROOT, "%05d", papp));
            f.historic("HHPHC", "A");
            f.historic("MOTDETAT", "000000");
        }
        return f.endFrame().toBytes();
    }

    private byte[] standardFrame(ZonedDateTime local, int va, boolean hc) {
        TicEncoder f = new TicEncoder().startFrame();
        boolean summer = PARIS.getRules().isDaylightSavings(local.toInstant());
        String now = (summer ? "E" : "H") + local.format(HORODATE);
        int index = hc ? 1 : 2;
        f.standard("ADSC", null, config.meterId());
        f.standard("VTIC", null, "02");
        f.standard("DATE", now, "");
        f.standard("NGTF", null, " H PLEINE/CREUSE");
        f.standard("LTARF", null, hc ? " HEURES CREUSES " : " HEURES PLEINES ");
        f.standard("EAST", null, nine(offPeakWh() + peakWh()));
        f.standard("EASF01", null, nine(offPeakWh()));
        f.standard("EASF02", null, nine(peakWh()));
        for (int k = 3; k <= 10; k++) {
            f.standard(String.format(Locale.ROOT, "EASF%02d", k), null, nine(0));
        }
        f.standard("EASD01", null, nine(offPeakWh()));
        f.standard("EASD02", null, nine(peakWh()));
        f.standard("EASD03", null, nine(0));
        f.standard("EASD04", null, nine(0));
        int[] currents = config.threePhase() ? phaseCurrents(va) : new int[] {Math.round(va / 230f)};
        for (int k = 0; k < currents.length; k++) {
            f.standard("IRMS" + (k + 1), null, three(currents[k]));
        }
        for (int k = 0; k < currents.length; k++) {
            f.standard("URMS" + (k + 1), null, three(229 + random.nextInt(4)));
        }
        f.standard("PREF", null, two(config.subscribedKva()));
        f.standard("PCOUP", null, two(config.subscribedKva()));
        f.standard("SINSTS", null, five(va));
        if (config.threePhase()) {
            for (int k = 1; k <= 3; k++) {
                f.standard("SINSTS" + k, null, five(va / 3));
            }
        }
        f.standard("SMAXSN", now, five(dayMaxVa));
        f.standard("CCASN", now, five(va * 9 / 10));
        f.standard("UMOY1", now, "231");
        f.standard("STGE", null, String.format(Locale.ROOT, "%08X", 0x003A0001 & ~(0xF << 10) | (index - 1) << 10));
        f.standard("MSG1", null, "PAS DE          MESSAGE         ");
        f.standard("PRM", null, "30001610071836");
        f.standard("RELAIS", null, "000");
        f.standard("NTARF", null, two(index));
        f.standard("NJOURF", null, "00");
        f.standard("NJOURF+1", null, "00");
        f.standard("PJOURF+1", null, "00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE");
        return f.endFrame().toBytes();
    }

    private static int[] phaseCurrents(int va) {
        int per = Math.round(va / 3f / 230f);
        return new int[] {per, Math.max(0, per - 1), per};
    }

    private static String two(int v) {
        return String.format(Locale.ROOT, "%02d", v);
    }

    private static String three(int v) {
        return String.format(Locale.ROOT, "%03d", v);
    }

    private static String five(int v) {
        return String.format(Locale.ROOT, "%05d", v);
    }

    private static String nine(long v) {
        return String.format(Locale.ROOT, "%09d", v % 1_000_000_000L);
    }
}
