package teleinfo.simulator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import teleinfo.component.TicLine;
import teleinfo.component.TicSource;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

/**
 * A capture file as a TIC line, played at the line's speed times {@code speed} (the {@code replay} command). Its
 * virtual clock advances with the bytes at the line's speed and reaches the present at the end of the file, so
 * historic-mode readings get the spacing they would have had live and never a time in the future. At the end of the
 * file it completes {@link #finished()} and stays silent.
 */
public final class CaptureReplay implements TicLine {
    private final Path file;
    private final TicMode paceAs;
    private final double speed;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** @param paceAs the mode whose line speed paces the bytes; null: that of the file's first frame */
    public CaptureReplay(Path file, TicMode paceAs, double speed) throws IOException {
        this.file = file;
        this.paceAs = paceAs != null ? paceAs : detectMode(file);
        this.speed = speed;
    }

    /** Completes when the end of the file was reached. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public TicSource open() throws IOException {
        return new Playback(file, paceAs, speed, finished);
    }

    @Override
    public String describe() {
        return "replay of " + file.getFileName() + ", speed x" + speed;
    }

    /** The mode of the first frame in the file's first 64 KB; historic if none is found. */
    static TicMode detectMode(Path file) throws IOException {
        TicMode[] first = new TicMode[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> {
            if (first[0] == null) {
                first[0] = f.mode();
            }
        });
        try (InputStream head = Files.newInputStream(file)) {
            decoder.feed(head.readNBytes(65536));
        }
        return first[0] != null ? first[0] : TicMode.HISTORIC;
    }

    private static final class Playback implements TicSource {
        private static final int CHUNK = 64;
        private final InputStream in;
        private final double lineBytesPerSecond;
        private final double bytesPerSecond;
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final CompletableFuture<Void> finished;
        private long bytes;

        Playback(Path file, TicMode paceAs, double speed, CompletableFuture<Void> finished) throws IOException {
            this.in = new BufferedInputStream(Files.newInputStream(file));
            this.lineBytesPerSecond = paceAs.baudRate() / 10.0;
            this.bytesPerSecond = lineBytesPerSecond * speed;
            this.finished = finished;
            // the capture ends "now": played faster than real time, its readings never lie in the future
            this.start = Instant.now().minusNanos((long) (Files.size(file) / lineBytesPerSecond * 1e9));
        }

        @Override
        public int read(byte[] buf) throws IOException {
            int n = in.read(buf, 0, Math.min(CHUNK, buf.length));
            if (n < 0) {
                finished.complete(null);
                sleepNanos(500_000_000L);
                return 0;
            }
            bytes += n;
            sleepNanos(startNanos + (long) (bytes / bytesPerSecond * 1e9) - System.nanoTime());
            return n;
        }

        private static void sleepNanos(long nanos) throws InterruptedIOException {
            if (nanos <= 0) {
                return;
            }
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("replay stopped");
            }
        }

        @Override
        public Instant now() {
            return start.plusNanos((long) (bytes / lineBytesPerSecond * 1e9));
        }

        @Override
        public boolean reopenWhenSilent() {
            return false;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
