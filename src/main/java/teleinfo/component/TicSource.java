package teleinfo.component;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;

/** Where TIC bytes come from, once opened: a serial port, or a {@link TicLine} (the simulator, a capture). */
public interface TicSource extends Closeable {
    /**
     * Blocks for at most about half a second.
     *
     * @return bytes read, 0 if none arrived in time, -1 when the source is gone (unplugged, closed)
     */
    int read(byte[] buf) throws IOException;

    /** When the bytes just read were received: the host clock for a port, the virtual clock otherwise. */
    Instant now();

    /** A live line that stays silent for long is probably stale (adapter re-plugged): reopen it. */
    boolean reopenWhenSilent();
}
