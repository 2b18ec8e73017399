package teleinfo.protocol;

/**
 * The standard-mode STGE status register (8 hex characters, 32 bits), decoded into named fields
 * ([54E] section 6.2.3.14).
 */
public record StatusRegister(long raw) {

    public enum CutOffState {
        CLOSED, OPEN_OVER_POWER, OPEN_OVER_VOLTAGE, OPEN_LOAD_SHEDDING, OPEN_CPL_OR_EURIDIS_ORDER,
        OPEN_OVERHEAT_ABOVE_IMAX, OPEN_OVERHEAT_BELOW_IMAX, UNKNOWN
    }

    public enum TempoColour { NONE, BLUE, WHITE, RED }

    public enum EuridisState { OFF, ON_WITHOUT_SECURITY, UNKNOWN, ON_WITH_SECURITY }

    public enum CplState { NEW_UNLOCK, NEW_LOCK, REGISTERED, UNKNOWN }

    public static StatusRegister parse(String hex) {
        if (hex == null || hex.length() != 8) {
            throw new IllegalArgumentException("STGE must be 8 hexadecimal characters: '" + hex + "'");
        }
        return new StatusRegister(Long.parseLong(hex, 16));
    }

    private int bits(int from, int count) {
        return (int) ((raw >>> from) & ((1L << count) - 1));
    }

    public boolean dryContactOpen() { return bits(0, 1) == 1; }
    public CutOffState cutOffDevice() { return CutOffState.values()[Math.min(bits(1, 3), 7)]; }
    public boolean terminalCoverOpen() { return bits(4, 1) == 1; }
    public boolean overVoltage() { return bits(6, 1) == 1; }
    public boolean referencePowerExceeded() { return bits(7, 1) == 1; }
    public boolean producer() { return bits(8, 1) == 1; }
    public boolean activeEnergyNegative() { return bits(9, 1) == 1; }
    /** Supplier tariff index in use, 1..10 (bits 10-13 hold 0..9). */
    public int supplierIndex() { return bits(10, 4) + 1; }
    /** Distributor tariff index in use, 1..4. */
    public int distributorIndex() { return bits(14, 2) + 1; }
    public boolean clockDegraded() { return bits(16, 1) == 1; }
    public TicMode ticMode() { return bits(17, 1) == 1 ? TicMode.STANDARD : TicMode.HISTORIC; }
    public EuridisState euridis() { return EuridisState.values()[bits(19, 2)]; }
    public CplState cpl() { return CplState.values()[bits(21, 2)]; }
    public boolean cplSynchronised() { return bits(23, 1) == 1; }
    public TempoColour tempoToday() { return TempoColour.values()[bits(24, 2)]; }
    public TempoColour tempoTomorrow() { return TempoColour.values()[bits(26, 2)]; }
    /** Mobile-peak notice: 0 none, 1..3 = PM1..PM3. */
    public int mobilePeakNotice() { return bits(28, 2); }
    /** Mobile peak in progress: 0 none, 1..3 = PM1..PM3. */
    public int mobilePeakInProgress() { return bits(30, 2); }
}
