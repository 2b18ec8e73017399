package teleinfo.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import teleinfo.protocol.TicMode;

/**
 * A household meter on an "heures creuses" contract (off-peak 22:00-06:00, Europe/Paris), historic or standard,
 * single- or three-phase. {@link #frameAt(Instant)} gives the TIC bytes of the frame the meter would send at a
 * virtual instant; instants must not go backwards, because the energy registers integrate the load between them
 * (so a month of history is generated in a loop, not in a month).
 */
public final class MeterSimulator {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final byte STX = 0x02, ETX = 0x03, LF = 0x0A, CR = 0x0D, SP = 0x20, HT = 0x09;
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
        Frame f = new Frame(SP);
        int papp = (va + 5) / 10 * 10;
        f.group("ADCO", config.meterId());
        f.group("OPTARIF", "HC..");
        f.group("ISOUSC", two(config.subscribedKva() * 1000 / 200 / (config.threePhase() ? 3 : 1)));
        f.group("HCHC", nine(offPeakWh()));
        f.group("HCHP", nine(peakWh()));
        f.group("PTEC", hc ? "HC.." : "HP..");
        if (config.threePhase()) {
            int[] i = phaseCurrents(va);
            f.group("IINST1", three(i[0]));
            f.group("IINST2", three(i[1]));
            f.group("IINST3", three(i[2]));
            f.group("IMAX1", "060");
            f.group("IMAX2", "060");
            f.group("IMAX3", "060");
            f.group("PMAX", String.format(Locale.ROOT, "%05d", (dayMaxVa + 5) / 10 * 10));
            f.group("PAPP", String.format(Locale.ROOT, "%05d", papp));
            f.group("HHPHC", "A");
            f.group("MOTDETAT", "000000");
            f.group("PPOT", "00");
        } else {
            f.group("IINST", three(Math.round(va / 230f)));
            f.group("IMAX", "090");
            f.group("PAPP", String.format(Locale.ROOT, "%05d", papp));
            f.group("HHPHC", "A");
            f.group("MOTDETAT", "000000");
        }
        return f.bytes();
    }

    private byte[] standardFrame(ZonedDateTime local, int va, boolean hc) {
        Frame f = new Frame(HT);
        boolean summer = PARIS.getRules().isDaylightSavings(local.toInstant());
        String now = (summer ? "E" : "H") + local.format(HORODATE);
        int index = hc ? 1 : 2;
        f.group("ADSC", config.meterId());
        f.group("VTIC", "02");
        f.horodated("DATE", now, "");
        f.group("NGTF", " H PLEINE/CREUSE");
        f.group("LTARF", hc ? " HEURES CREUSES " : " HEURES PLEINES ");
        f.group("EAST", nine(offPeakWh() + peakWh()));
        f.group("EASF01", nine(offPeakWh()));
        f.group("EASF02", nine(peakWh()));
        for (int k = 3; k <= 10; k++) {
            f.group(String.format(Locale.ROOT, "EASF%02d", k), nine(0));
        }
        f.group("EASD01", nine(offPeakWh()));
        f.group("EASD02", nine(peakWh()));
        f.group("EASD03", nine(0));
        f.group("EASD04", nine(0));
        int[] currents = config.threePhase() ? phaseCurrents(va) : new int[] {Math.round(va / 230f)};
        for (int k = 0; k < currents.length; k++) {
            f.group("IRMS" + (k + 1), three(currents[k]));
        }
        for (int k = 0; k < currents.length; k++) {
            f.group("URMS" + (k + 1), three(229 + random.nextInt(4)));
        }
        f.group("PREF", two(config.subscribedKva()));
        f.group("PCOUP", two(config.subscribedKva()));
        f.group("SINSTS", five(va));
        if (config.threePhase()) {
            for (int k = 1; k <= 3; k++) {
                f.group("SINSTS" + k, five(va / 3));
            }
        }
        f.horodated("SMAXSN", now, five(dayMaxVa));
        f.horodated("CCASN", now, five(va * 9 / 10));
        f.horodated("UMOY1", now, "231");
        f.group("STGE", String.format(Locale.ROOT, "%08X", 0x003A0001 & ~(0xF << 10) | (index - 1) << 10));
        f.group("MSG1", "PAS DE          MESSAGE         ");
        f.group("PRM", "30001610071836");
        f.group("RELAIS", "000");
        f.group("NTARF", two(index));
        f.group("NJOURF", "00");
        f.group("NJOURF+1", "00");
        f.group("PJOURF+1", "00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE");
        return f.bytes();
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

    /** Builds one frame; the checksum zone follows PROTOCOL.md section 3 for each mode. */
    private static final class Frame {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private final byte separator;

        Frame(byte separator) {
            this.separator = separator;
            out.write(STX);
        }

        void group(String label, String data) {
            write(label + (char) separator + data);
        }

        void horodated(String label, String horodate, String data) {
            write(label + (char) separator + horodate + (char) separator + data);
        }

        private void write(String zone) {
            byte[] z = zone.getBytes(StandardCharsets.US_ASCII);
            int sum = 0;
            for (byte b : z) {
                sum += b;
            }
            if (separator == HT) {
                sum += HT;
            }
            out.write(LF);
            out.writeBytes(z);
            out.write(separator);
            out.write((sum & 0x3F) + 0x20);
            out.write(CR);
        }

        byte[] bytes() {
            out.write(ETX);
            return out.toByteArray();
        }
    }
}
