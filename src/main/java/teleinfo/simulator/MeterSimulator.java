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
 * single- or three-phase; optionally on a Tempo contract (blue, white and red days, the colour of tomorrow sent from
 * noon, now and then an overload on a winter evening) or a producer (solar panels: what the house does not use is
 * injected, SINSTI and EAIT). {@link #frameAt(Instant)} gives the TIC bytes of the frame the meter would send at a
 * virtual instant; instants must not go backwards, because the energy registers integrate the load between them
 * (so a month of history is generated in a loop, not in a month).
 */
public final class MeterSimulator {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HORODATE = DateTimeFormatter.ofPattern("yyMMddHHmmss", Locale.ROOT);
    /** Silence between two frames (spec: 16.7 to 33.4 ms). */
    static final Duration INTER_FRAME_GAP = Duration.ofMillis(25);
    private static final String[] EASF_ZERO = {"EASF03", "EASF04", "EASF05", "EASF06", "EASF07", "EASF08", "EASF09",
        "EASF10"};
    private static final String ZERO_REGISTER = "000000000";

    /**
     * @param subscribedKva PREF in standard mode; ISOUSC = kVA x 1000 / 200 V (a third of it per phase when three-phase)
     */
    public record Config(TicMode mode, boolean threePhase, String meterId, int subscribedKva, long seed, Tariff tariff,
            boolean producer) {
        public Config(TicMode mode, boolean threePhase, String meterId, int subscribedKva, long seed) {
            this(mode, threePhase, meterId, subscribedKva, seed, Tariff.HPHC, false);
        }

        public Config {
            if (tariff == null) {
                throw new IllegalArgumentException("tariff is required");
            }
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

    /** The contract: HP/HC, or Tempo (six registers: HC and HP of blue, white and red days). */
    public enum Tariff { HPHC, TEMPO }

    /** The colour of a Tempo day (which runs from 06:00 to 06:00 the next day). */
    public enum Colour {
        BLUE("JB", "BLEU"), WHITE("JW", "BLAN"), RED("JR", "ROUG");

        final String suffix;
        final String demain;

        Colour(String suffix, String demain) {
            this.suffix = suffix;
            this.demain = demain;
        }
    }

    private final Config config;
    private final Random random;
    private Instant last;
    private double offPeakWh = 12_345_678;
    private double peakWh = 23_456_789;
    /** Tempo registers: HC then HP of blue, white, red days. */
    private final double[] tempoWh = {8_123_456, 9_234_567, 612_345, 1_023_456, 201_234, 350_123};
    private double injectedWh = 3_456_789;
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

    /** The same from the registers of a reading (any of HCHC/HCHP, EASF01/02, BBRHCJB..BBRHPJR, EAIT). */
    public void continueFrom(java.util.Map<String, Long> registers) {
        continueFrom(registers.getOrDefault(config.mode() == TicMode.STANDARD ? "EASF01" : "HCHC", 0L),
                registers.getOrDefault(config.mode() == TicMode.STANDARD ? "EASF02" : "HCHP", 0L));
        for (int k = 0; k < 6; k++) {
            tempoWh[k] = Math.max(tempoWh[k], registers.getOrDefault(tempoRegister(k), 0L));
        }
        injectedWh = Math.max(injectedWh, registers.getOrDefault("EAIT", 0L));
    }

    private static String tempoRegister(int k) {
        return "BBR" + (k % 2 == 0 ? "HC" : "HP") + Colour.values()[k / 2].suffix;
    }

    /**
     * The colour of the Tempo day that starts at 06:00 on {@code date}: Sundays blue; red only on winter weekdays
     * (November to March), white on some other days; a fixed pseudo-random draw per date, so every run agrees.
     */
    public static Colour tempoColour(java.time.LocalDate date) {
        if (date.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            return Colour.BLUE;
        }
        int draw = Math.floorMod(new Random(date.toEpochDay() * 7919L).nextInt(), 100);
        boolean winter = date.getMonthValue() >= 11 || date.getMonthValue() <= 3;
        if (winter && date.getDayOfWeek() != java.time.DayOfWeek.SATURDAY && draw < 15) {
            return Colour.RED;
        }
        return draw < (winter ? 40 : 12) ? Colour.WHITE : Colour.BLUE;
    }

    /** Solar production, VA: a bell around 13:30, up to 6 kVA on a clear summer day, less on cloudy or winter ones. */
    int solar(ZonedDateTime local) {
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double clear = 0.35 + 0.65 * Math.floorMod(new Random(local.toLocalDate().toEpochDay()).nextInt(), 100) / 100.0;
        double season = 0.65 + 0.35 * Math.cos((local.getDayOfYear() - 172) * 2 * Math.PI / 365);
        return (int) Math.max(0, 6000 * clear * season * bell(hour, 13.5, 2.6) + random.nextGaussian() * 20);
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
        int load = load(local);
        int pv = config.producer() ? solar(local) : 0;
        int va = Math.max(0, load - pv);
        int injected = Math.max(0, pv - load);
        boolean hc = offPeak(local);
        Colour colour = tempoColour(local.minusHours(6).toLocalDate());
        if (last != null) {
            double hours = Duration.between(last, t).toNanos() / 3.6e12;
            double wh = va * hours;
            if (config.tariff() == Tariff.TEMPO) {
                tempoWh[colour.ordinal() * 2 + (hc ? 0 : 1)] += wh;
            } else if (hc) {
                offPeakWh += wh;
            } else {
                peakWh += wh;
            }
            injectedWh += injected * hours;
        }
        last = t;
        if (local.getDayOfYear() != day) {
            day = local.getDayOfYear();
            dayMaxVa = 0;
        }
        dayMaxVa = Math.max(dayMaxVa, va);
        if (config.mode() == TicMode.STANDARD) {
            return standardFrame(local, va, injected, hc);
        }
        return config.tariff() == Tariff.TEMPO ? tempoFrame(local, va, hc, colour) : historicFrame(va, hc);
    }

    /** Whether the load of this minute goes over the subscribed power (Tempo demo: a winter evening, rarely). */
    private boolean overloadMinute(ZonedDateTime local) {
        return config.tariff() == Tariff.TEMPO && local.getHour() == 19 && local.getMinute() < 3
                && local.getDayOfMonth() % 9 == 0;
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
        if (overloadMinute(local)) {
            return config.subscribedKva() * 1200; // ~20 % over: the current passes ISOUSC, the meter sends ADPS
        }
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
            f.historic("PMAX", five((dayMaxVa + 5) / 10 * 10));
            f.historic("PAPP", five(papp));
            f.historic("HHPHC", "A");
            f.historic("MOTDETAT", "000000");
            f.historic("PPOT", "00");
        } else {
            f.historic("IINST", three(Math.round(va / 230f)));
            f.historic("IMAX", "090");
            f.historic("PAPP", five(papp));
            f.historic("HHPHC", "A");
            f.historic("MOTDETAT", "000000");
        }
        return f.endFrame().toBytes();
    }

    /** Historic mode, Tempo option (OPTARIF BBR(), single-phase. */
    private byte[] tempoFrame(ZonedDateTime local, int va, boolean hc, Colour colour) {
        TicEncoder f = new TicEncoder().startFrame();
        int isousc = config.subscribedKva() * 1000 / 200;
        int iinst = Math.round(va / 230f);
        f.historic("ADCO", config.meterId());
        f.historic("OPTARIF", "BBR(");
        f.historic("ISOUSC", two(isousc));
        for (int k = 0; k < 6; k++) {
            f.historic(tempoRegister(k), nine((long) tempoWh[k]));
        }
        f.historic("PTEC", (hc ? "HC" : "HP") + colour.suffix);
        // tomorrow's colour is announced around noon; before, the meter sends "----"
        Colour tomorrow = tempoColour(local.minusHours(6).toLocalDate().plusDays(1));
        f.historic("DEMAIN", local.getHour() >= 12 || local.getHour() < 6 ? tomorrow.demain : "----");
        f.historic("IINST", three(iinst));
        if (iinst > isousc) {
            f.historic("ADPS", three(iinst));
        }
        f.historic("IMAX", "090");
        f.historic("PAPP", five((va + 5) / 10 * 10));
        f.historic("HHPHC", "Y");
        f.historic("MOTDETAT", "000000");
        return f.endFrame().toBytes();
    }

    private byte[] standardFrame(ZonedDateTime local, int va, int injected, boolean hc) {
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
            f.standard(EASF_ZERO[k - 3], null, ZERO_REGISTER);
        }
        f.standard("EASD01", null, nine(offPeakWh()));
        f.standard("EASD02", null, nine(peakWh()));
        f.standard("EASD03", null, nine(0));
        f.standard("EASD04", null, nine(0));
        if (config.producer()) {
            f.standard("EAIT", null, nine((long) injectedWh));
        }
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
            // unbalanced, as a house is: more on phase 1 (kitchen), less on phase 2
            int[] share = {va * 45 / 100, va * 20 / 100, va - va * 45 / 100 - va * 20 / 100};
            for (int k = 1; k <= 3; k++) {
                f.standard("SINSTS" + k, null, five(share[k - 1]));
            }
        }
        if (config.producer()) {
            f.standard("SINSTI", null, five(injected));
        }
        f.standard("SMAXSN", now, five(dayMaxVa));
        f.standard("CCASN", now, five(va * 9 / 10));
        f.standard("UMOY1", now, "231");
        int stge = 0x003A0001 & ~(0xF << 10) | (index - 1) << 10 | (config.producer() ? 1 << 8 : 0)
                | (va > config.subscribedKva() * 1000 ? 1 << 7 : 0);
        f.standard("STGE", null, String.format(Locale.ROOT, "%08X", stge));
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
        return zeroPadded(v, 2);
    }

    private static String three(int v) {
        return zeroPadded(v, 3);
    }

    private static String five(int v) {
        return zeroPadded(v, 5);
    }

    private static String nine(long v) {
        return zeroPadded(v % 1_000_000_000L, 9);
    }

    /** Not String.format: it made up most of the time of a frame, and the demo makes weeks of frames at its start. */
    private static String zeroPadded(long v, int width) {
        String digits = Long.toString(v);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
