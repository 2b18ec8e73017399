package teleinfo.server;

/**
 * A validated reading, as stored in one row of table {@code reading}. Absent optional values are null; an absent
 * register is {@link #NO_VALUE}.
 *
 * @param t          start of the minute, epoch seconds
 * @param current    3 values, phases 2 and 3 null on a single-phase meter
 * @param voltage    3 values, null when not sent
 * @param registers  one value per {@link Registers#NAMES}, {@link #NO_VALUE} when not sent
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
        long[] registers) {

    public static final long NO_VALUE = -1;

    /** Start of the hour the reading belongs to, epoch seconds. */
    public long hour() {
        return Math.floorDiv(t, 3600) * 3600;
    }
}
