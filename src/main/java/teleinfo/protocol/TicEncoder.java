package teleinfo.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes groups and frames as a meter sends them, checksums included (for simulators and tests). */
public final class TicEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    /** The checksum character of a checksum zone: {@code (sum & 0x3F) + 0x20}. */
    public static byte checksum(byte[] zone, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += zone[i];
        }
        return (byte) ((sum & 0x3F) + 0x20);
    }

    public TicEncoder startFrame() {
        out.write(TicFrameDecoder.STX);
        return this;
    }

    public TicEncoder endFrame() {
        out.write(TicFrameDecoder.ETX);
        return this;
    }

    /** {@code LF label SP data SP checksum CR}, the checksum over label..data. */
    public TicEncoder historic(String label, String data) {
        byte[] zone = (label + " " + data).getBytes(StandardCharsets.US_ASCII);
        out.write(TicFrameDecoder.LF);
        out.writeBytes(zone);
        out.write(TicFrameDecoder.SP);
        out.write(checksum(zone, 0, zone.length));
        out.write(TicFrameDecoder.CR);
        return this;
    }

    /** {@code LF label HT [horodate HT] data HT checksum CR}, the checksum including the last HT. */
    public TicEncoder standard(String label, String horodate, String data) {
        String text = horodate == null ? label + "\t" + data + "\t" : label + "\t" + horodate + "\t" + data + "\t";
        byte[] zone = text.getBytes(StandardCharsets.US_ASCII);
        out.write(TicFrameDecoder.LF);
        out.writeBytes(zone);
        out.write(checksum(zone, 0, zone.length));
        out.write(TicFrameDecoder.CR);
        return this;
    }

    /** Raw bytes, for line noise and broken groups in tests. */
    public TicEncoder raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
