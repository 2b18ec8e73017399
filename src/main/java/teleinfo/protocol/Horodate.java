package teleinfo.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A standard-mode horodate {@code SAAMMJJhhmmss}: S is the season ({@code E} summer = UTC+2, {@code H} winter = UTC+1;
 * lower case when the meter's clock runs in degraded mode; a space when no season applies, as in DPMx/FPMx).
 */
public record Horodate(Season season, boolean clockDegraded, LocalDateTime localTime) {

    public enum Season {
        SUMMER(ZoneOffset.ofHours(2)), WINTER(ZoneOffset.ofHours(1)), NONE(null);

        private final ZoneOffset offset;

        Season(ZoneOffset offset) {
            this.offset = offset;
        }

        public ZoneOffset offset() {
            return offset;
        }
    }

    static final int LENGTH = 13;

    /** The exact instant, or null when the horodate carries no season (its offset is then unknown). */
    public Instant instant() {
        return season.offset == null ? null : localTime.toInstant(season.offset);
    }

    /** Parses the 13 characters as transmitted; throws IllegalArgumentException when they are not a horodate. */
    public static Horodate parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!isValid(b, 0, b.length)) {
            throw new IllegalArgumentException("not a horodate: '" + text + "'");
        }
        return parse(b, 0);
    }

    static Horodate parse(byte[] b, int s) {
        char c = (char) b[s];
        Season season = switch (Character.toUpperCase(c)) {
            case 'E' -> Season.SUMMER;
            case 'H' -> Season.WINTER;
            default -> Season.NONE;
        };
        boolean degraded = c == 'e' || c == 'h';
        LocalDateTime t = LocalDateTime.of(2000 + two(b, s + 1), two(b, s + 3), two(b, s + 5),
                two(b, s + 7), two(b, s + 9), two(b, s + 11));
        return new Horodate(season, degraded, t);
    }

    /** Shape check on raw bytes: season character, then a real calendar date and time of day. */
    static boolean isValid(byte[] b, int s, int len) {
        if (len != LENGTH) {
            return false;
        }
        byte c = b[s];
        if (c != 'E' && c != 'H' && c != 'e' && c != 'h' && c != ' ') {
            return false;
        }
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        if (s + 1 + 2 * Long.BYTES <= b.length) {
            // the decoder's case: the 12 digits as two words, each pair of digits made a number in a 16-bit lane
            if (!Swar.allDigitsShort(b, s + 1, LENGTH - 1)) {
                return false;
            }
            long yymmddhh = Swar.digitPairs(Swar.word(b, s + 1));
            long mmss = Swar.digitPairs(Swar.word(b, s + 9) & 0xFFFFFFFFL | 0x3030303000000000L);
            year = (int) (yymmddhh & 0xFFFF);
            month = (int) (yymmddhh >>> 16 & 0xFFFF);
            day = (int) (yymmddhh >>> 32 & 0xFFFF);
            hour = (int) (yymmddhh >>> 48);
            minute = (int) (mmss & 0xFFFF);
            second = (int) (mmss >>> 16 & 0xFFFF);
        } else {
            if (!Swar.allDigits(b, s + 1, LENGTH - 1)) {
                return false;
            }
            year = two(b, s + 1);
            month = two(b, s + 3);
            day = two(b, s + 5);
            hour = two(b, s + 7);
            minute = two(b, s + 9);
            second = two(b, s + 11);
        }
        if (month < 1 || month > 12 || day < 1 || day > (month == 2 && year % 4 == 0 ? 29 : DAYS_IN_MONTH[month])) {
            return false;
        }
        return hour <= 23 && minute <= 59 && second <= 59;
    }

    /** Days of each month (index 1..12) in a common year; the years 2000..2099 of a horodate are leap when % 4 == 0. */
    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static int two(byte[] b, int i) {
        return (b[i] - '0') * 10 + (b[i + 1] - '0');
    }
}
