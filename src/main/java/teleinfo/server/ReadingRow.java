package teleinfo.server;

/**
 * A validated reading, as stored in one row of table {@code reading}. Absent optional values are null; an absent
 * register is {@link #NO_VALUE}.
 *
 * @param t          start of the minute, epoch seconds
 * @param current    3 values, phases 2 and 3 null on a single-phase meter
 * @param voltage    3 values, null when not sent
 * @param registers  one value per {@link Registers#NAMES}, {@link #NO_VALUE} when not sent
 * @param details    the optional fields the page uses (per-phase power, subscribed power, status...), never null
 */
public record ReadingRow(
        String meter,
        long t,
        String mode,
        String option,
        String period,
        String periodRaw,
        int powerAvg,
        int powerMin,
        int powerMax,
        Integer injectionAvg,
        Integer injectionMin,
        Integer injectionMax,
        Integer[] current,
        Integer[] voltage,
        int frames,
        int rejected,
        long[] registers,
        Details details) {

    public static final long NO_VALUE = -1;

    /**
     * @param phasePower  3 values (VA) or null when not sent
     * @param subscribedVa subscribed power, VA, or null
     * @param status      STGE as sent, or null
     * @param tomorrow    DEMAIN as sent, or null
     * @param overload    an overload was signalled in the minute
     * @param peakNotice  the EJP notice (PEJP) was sent in the minute
     */
    public record Details(Integer[] phasePower, Integer subscribedVa, String status, String tomorrow,
            boolean overload, boolean peakNotice) {
        public static final Details NONE = new Details(null, null, null, null, false, false);
    }

    /** A row without the optional details (a reading of a collector older than them). */
    public ReadingRow(String meter, long t, String mode, String option, String period, String periodRaw, int powerAvg,
            int powerMin, int powerMax, Integer injectionAvg, Integer injectionMin, Integer injectionMax,
            Integer[] current, Integer[] voltage, int frames, int rejected, long[] registers) {
        this(meter, t, mode, option, period, periodRaw, powerAvg, powerMin, powerMax, injectionAvg, injectionMin,
                injectionMax, current, voltage, frames, rejected, registers, Details.NONE);
    }

    /** Start of the hour the reading belongs to, epoch seconds. */
    public long hour() {
        return Math.floorDiv(t, 3600) * 3600;
    }
}
