package teleinfo.protocol;

import static teleinfo.protocol.LabelFormat.DIGITS;
import static teleinfo.protocol.LabelFormat.EMPTY;
import static teleinfo.protocol.LabelFormat.HEX;
import static teleinfo.protocol.LabelFormat.DAY_PROFILE;
import static teleinfo.protocol.LabelFormat.DEMAIN_VALUE;
import static teleinfo.protocol.LabelFormat.OPTARIF_VALUE;
import static teleinfo.protocol.LabelFormat.PTEC_VALUE;
import static teleinfo.protocol.LabelFormat.TEXT;
import static teleinfo.protocol.LabelFormat.UPPER_ALNUM;
import static teleinfo.protocol.TicMode.HISTORIC;
import static teleinfo.protocol.TicMode.STANDARD;

/**
 * Every label of both specifications (ERDF-NOI-CPT_02E for historic mode, Enedis-NOI-CPT_54E for standard mode),
 * with the DATA format a group must have to be accepted. See docs/PROTOCOL.md sections 4 and 5.
 */
public enum TicLabel {
    // ---- historic mode [02E] tables 1-5
    // ADCO/ADSC: 12 digits per spec; 11 accepted because published anonymised captures shorten it.
    ADCO(HISTORIC, "ADCO", DIGITS, 11, 12),
    OPTARIF(HISTORIC, "OPTARIF", OPTARIF_VALUE, 4, 4),
    ISOUSC(HISTORIC, "ISOUSC", DIGITS, 2, 2),
    // BASE is 8 digits on the "concentrateur", 9 everywhere else.
    BASE(HISTORIC, "BASE", DIGITS, 8, 9, Kind.ENERGY),
    HCHC(HISTORIC, "HCHC", DIGITS, 9, 9, Kind.ENERGY),
    HCHP(HISTORIC, "HCHP", DIGITS, 9, 9, Kind.ENERGY),
    EJPHN(HISTORIC, "EJPHN", DIGITS, 9, 9, Kind.ENERGY),
    EJPHPM(HISTORIC, "EJPHPM", DIGITS, 9, 9, Kind.ENERGY),
    BBRHCJB(HISTORIC, "BBRHCJB", DIGITS, 9, 9, Kind.ENERGY),
    BBRHPJB(HISTORIC, "BBRHPJB", DIGITS, 9, 9, Kind.ENERGY),
    BBRHCJW(HISTORIC, "BBRHCJW", DIGITS, 9, 9, Kind.ENERGY),
    BBRHPJW(HISTORIC, "BBRHPJW", DIGITS, 9, 9, Kind.ENERGY),
    BBRHCJR(HISTORIC, "BBRHCJR", DIGITS, 9, 9, Kind.ENERGY),
    BBRHPJR(HISTORIC, "BBRHPJR", DIGITS, 9, 9, Kind.ENERGY),
    PEJP(HISTORIC, "PEJP", DIGITS, 2, 2),
    PTEC(HISTORIC, "PTEC", PTEC_VALUE, 4, 4),
    DEMAIN(HISTORIC, "DEMAIN", DEMAIN_VALUE, 4, 4),
    IINST(HISTORIC, "IINST", DIGITS, 3, 3),
    IINST1(HISTORIC, "IINST1", DIGITS, 3, 3),
    IINST2(HISTORIC, "IINST2", DIGITS, 3, 3),
    IINST3(HISTORIC, "IINST3", DIGITS, 3, 3),
    ADPS(HISTORIC, "ADPS", DIGITS, 3, 3),
    IMAX(HISTORIC, "IMAX", DIGITS, 3, 3),
    IMAX1(HISTORIC, "IMAX1", DIGITS, 3, 3),
    IMAX2(HISTORIC, "IMAX2", DIGITS, 3, 3),
    IMAX3(HISTORIC, "IMAX3", DIGITS, 3, 3),
    PMAX(HISTORIC, "PMAX", DIGITS, 5, 5),
    PAPP(HISTORIC, "PAPP", DIGITS, 5, 5),
    HHPHC(HISTORIC, "HHPHC", UPPER_ALNUM, 1, 1),
    // MOTDETAT: 6 characters; 10 on the "concentrateur".
    MOTDETAT(HISTORIC, "MOTDETAT", UPPER_ALNUM, 6, 10),
    PPOT(HISTORIC, "PPOT", UPPER_ALNUM, 2, 2),
    ADIR1(HISTORIC, "ADIR1", DIGITS, 3, 3),
    ADIR2(HISTORIC, "ADIR2", DIGITS, 3, 3),
    ADIR3(HISTORIC, "ADIR3", DIGITS, 3, 3),
    GAZ(HISTORIC, "GAZ", DIGITS, 7, 7),
    AUTRE(HISTORIC, "AUTRE", DIGITS, 7, 7),

    // ---- standard mode [54E] section 6.2.2
    ADSC(STANDARD, "ADSC", DIGITS, 11, 12),
    VTIC(STANDARD, "VTIC", DIGITS, 2, 2),
    DATE(STANDARD, "DATE", EMPTY, 0, 0, Kind.HORODATED),
    NGTF(STANDARD, "NGTF", TEXT, 16, 16),
    LTARF(STANDARD, "LTARF", TEXT, 16, 16),
    EAST(STANDARD, "EAST", DIGITS, 9, 9, Kind.ENERGY),
    EASF01(STANDARD, "EASF01", DIGITS, 9, 9, Kind.ENERGY),
    EASF02(STANDARD, "EASF02", DIGITS, 9, 9, Kind.ENERGY),
    EASF03(STANDARD, "EASF03", DIGITS, 9, 9, Kind.ENERGY),
    EASF04(STANDARD, "EASF04", DIGITS, 9, 9, Kind.ENERGY),
    EASF05(STANDARD, "EASF05", DIGITS, 9, 9, Kind.ENERGY),
    EASF06(STANDARD, "EASF06", DIGITS, 9, 9, Kind.ENERGY),
    EASF07(STANDARD, "EASF07", DIGITS, 9, 9, Kind.ENERGY),
    EASF08(STANDARD, "EASF08", DIGITS, 9, 9, Kind.ENERGY),
    EASF09(STANDARD, "EASF09", DIGITS, 9, 9, Kind.ENERGY),
    EASF10(STANDARD, "EASF10", DIGITS, 9, 9, Kind.ENERGY),
    EASD01(STANDARD, "EASD01", DIGITS, 9, 9, Kind.ENERGY),
    EASD02(STANDARD, "EASD02", DIGITS, 9, 9, Kind.ENERGY),
    EASD03(STANDARD, "EASD03", DIGITS, 9, 9, Kind.ENERGY),
    EASD04(STANDARD, "EASD04", DIGITS, 9, 9, Kind.ENERGY),
    EAIT(STANDARD, "EAIT", DIGITS, 9, 9, Kind.ENERGY),
    ERQ1(STANDARD, "ERQ1", DIGITS, 9, 9, Kind.ENERGY),
    ERQ2(STANDARD, "ERQ2", DIGITS, 9, 9, Kind.ENERGY),
    ERQ3(STANDARD, "ERQ3", DIGITS, 9, 9, Kind.ENERGY),
    ERQ4(STANDARD, "ERQ4", DIGITS, 9, 9, Kind.ENERGY),
    IRMS1(STANDARD, "IRMS1", DIGITS, 3, 3),
    IRMS2(STANDARD, "IRMS2", DIGITS, 3, 3),
    IRMS3(STANDARD, "IRMS3", DIGITS, 3, 3),
    URMS1(STANDARD, "URMS1", DIGITS, 3, 3),
    URMS2(STANDARD, "URMS2", DIGITS, 3, 3),
    URMS3(STANDARD, "URMS3", DIGITS, 3, 3),
    PREF(STANDARD, "PREF", DIGITS, 2, 2),
    PCOUP(STANDARD, "PCOUP", DIGITS, 2, 2),
    SINSTS(STANDARD, "SINSTS", DIGITS, 5, 5),
    SINSTS1(STANDARD, "SINSTS1", DIGITS, 5, 5),
    SINSTS2(STANDARD, "SINSTS2", DIGITS, 5, 5),
    SINSTS3(STANDARD, "SINSTS3", DIGITS, 5, 5),
    SMAXSN(STANDARD, "SMAXSN", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN_1(STANDARD, "SMAXSN-1", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN1(STANDARD, "SMAXSN1", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN2(STANDARD, "SMAXSN2", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN3(STANDARD, "SMAXSN3", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN1_1(STANDARD, "SMAXSN1-1", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN2_1(STANDARD, "SMAXSN2-1", DIGITS, 5, 5, Kind.HORODATED),
    SMAXSN3_1(STANDARD, "SMAXSN3-1", DIGITS, 5, 5, Kind.HORODATED),
    SINSTI(STANDARD, "SINSTI", DIGITS, 5, 5),
    SMAXIN(STANDARD, "SMAXIN", DIGITS, 5, 5, Kind.HORODATED),
    SMAXIN_1(STANDARD, "SMAXIN-1", DIGITS, 5, 5, Kind.HORODATED),
    CCASN(STANDARD, "CCASN", DIGITS, 5, 5, Kind.HORODATED),
    CCASN_1(STANDARD, "CCASN-1", DIGITS, 5, 5, Kind.HORODATED),
    CCAIN(STANDARD, "CCAIN", DIGITS, 5, 5, Kind.HORODATED),
    CCAIN_1(STANDARD, "CCAIN-1", DIGITS, 5, 5, Kind.HORODATED),
    UMOY1(STANDARD, "UMOY1", DIGITS, 3, 3, Kind.HORODATED),
    UMOY2(STANDARD, "UMOY2", DIGITS, 3, 3, Kind.HORODATED),
    UMOY3(STANDARD, "UMOY3", DIGITS, 3, 3, Kind.HORODATED),
    STGE(STANDARD, "STGE", HEX, 8, 8),
    DPM1(STANDARD, "DPM1", DIGITS, 2, 2, Kind.HORODATED),
    FPM1(STANDARD, "FPM1", DIGITS, 2, 2, Kind.HORODATED),
    DPM2(STANDARD, "DPM2", DIGITS, 2, 2, Kind.HORODATED),
    FPM2(STANDARD, "FPM2", DIGITS, 2, 2, Kind.HORODATED),
    DPM3(STANDARD, "DPM3", DIGITS, 2, 2, Kind.HORODATED),
    FPM3(STANDARD, "FPM3", DIGITS, 2, 2, Kind.HORODATED),
    MSG1(STANDARD, "MSG1", TEXT, 32, 32),
    MSG2(STANDARD, "MSG2", TEXT, 16, 16),
    PRM(STANDARD, "PRM", DIGITS, 14, 14),
    RELAIS(STANDARD, "RELAIS", DIGITS, 3, 3),
    NTARF(STANDARD, "NTARF", DIGITS, 2, 2),
    NJOURF(STANDARD, "NJOURF", DIGITS, 2, 2),
    NJOURF_1(STANDARD, "NJOURF+1", DIGITS, 2, 2),
    PJOURF_1(STANDARD, "PJOURF+1", DAY_PROFILE, 98, 98),
    PPOINTE(STANDARD, "PPOINTE", DAY_PROFILE, 98, 98),
    // Pre-generalisation Linky (VTIC 01), seen in real frames, not in [54E].
    SMAXN(STANDARD, "SMAXN", DIGITS, 5, 5, Kind.HORODATED),
    SMAXN_1(STANDARD, "SMAXN-1", DIGITS, 5, 5, Kind.HORODATED);

    enum Kind { PLAIN, ENERGY, HORODATED }

    private final TicMode mode;
    private final String text;
    private final LabelFormat format;
    private final boolean energyRegister;
    private final boolean horodated;
    private final byte[] bytes;
    /** DIGITS, the format of most labels, is checked by the decoder without going through {@link LabelFormat}. */
    final boolean digits;
    final int minLength;
    final int maxLength;

    TicLabel(TicMode mode, String text, LabelFormat format, int minLength, int maxLength) {
        this(mode, text, format, minLength, maxLength, Kind.PLAIN);
    }

    TicLabel(TicMode mode, String text, LabelFormat format, int minLength, int maxLength, Kind kind) {
        this.mode = mode;
        this.text = text;
        this.format = format;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.energyRegister = kind == Kind.ENERGY;
        this.horodated = kind == Kind.HORODATED;
        this.bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.digits = format == DIGITS;
    }

    public TicMode mode() {
        return mode;
    }

    /** The label exactly as transmitted, e.g. {@code SMAXSN-1}. */
    public String text() {
        return text;
    }

    /** True for the energy indexes (Wh; varh for ERQ1-4) that only ever increase. */
    public boolean isEnergyRegister() {
        return energyRegister;
    }

    /** True when the group carries a horodate between label and data. */
    public boolean isHorodated() {
        return horodated;
    }

    byte[] bytes() {
        return bytes;
    }

    /**
     * True when the value is a DATA field the decoder accepts for this label (its format, vocabulary and length):
     * what a meter can send. Lets a receiver of decoded values (the server) hold them to the same rules.
     */
    public boolean acceptsValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7E) {
                return false;
            }
        }
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return acceptsData(b, 0, b.length);
    }

    boolean acceptsData(byte[] b, int start, int len) {
        return format.accepts(b, start, len, minLength, maxLength);
    }

    private static final java.util.Map<String, TicLabel> BY_TEXT = new java.util.HashMap<>();

    static {
        for (TicLabel label : values()) {
            BY_TEXT.put(label.text, label);
        }
    }

    /** The label with that exact text, or null. */
    public static TicLabel byText(String text) {
        return BY_TEXT.get(text);
    }
}
