package teleinfo.protocol;

/** The two TIC dialects. Historic: 1200 bd, SP separator; standard (Linky): 9600 bd, HT separator. */
public enum TicMode {
    HISTORIC(1200, (byte) 0x20),
    STANDARD(9600, (byte) 0x09);

    private final int baudRate;
    private final byte separator;

    TicMode(int baudRate, byte separator) {
        this.baudRate = baudRate;
        this.separator = separator;
    }

    public int baudRate() {
        return baudRate;
    }

    public byte separator() {
        return separator;
    }

    public String jsonName() {
        return this == HISTORIC ? "historic" : "standard";
    }

    public TicMode other() {
        return this == HISTORIC ? STANDARD : HISTORIC;
    }

    /** Parses {@code historic} or {@code standard} (case-insensitive); {@code auto} and anything else give null. */
    public static TicMode parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "historic":
                return HISTORIC;
            case "standard":
                return STANDARD;
            default:
                return null;
        }
    }
}
