package teleinfo.web;

/** A range [from, to) of epoch seconds. */
public record TimeRange(long from, long to) {
    public long seconds() {
        return to - from;
    }
}
