package teleinfo.component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.RealTimeFeed;

/**
 * A pair of pseudo-terminals joined by socat, standing in for a meter wired to the Pi: {@link #meterSide()} is where
 * the simulated meter writes, {@link #piSide()} is what the component opens. Killing socat is pulling the adapter.
 */
final class SocatLine implements AutoCloseable {
    private final Path meterSide;
    private final Path piSide;
    private Process socat;
    private Thread writer;

    SocatLine(Path dir) {
        this.meterSide = dir.resolve("ttyMETER");
        this.piSide = dir.resolve("ttyPI");
    }

    Path piSide() {
        return piSide;
    }

    Path meterSide() {
        return meterSide;
    }

    void plug() throws IOException, InterruptedException {
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + meterSide,
                "pty,raw,echo=0,link=" + piSide).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(meterSide) && Files.exists(piSide))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not create the pseudo-terminals");
            }
            Thread.sleep(20);
        }
    }

    void unplug() throws InterruptedException {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
        stopMeter();
    }

    /** A simulated meter writing frames in real time until stopped or the line goes away. */
    void startMeter(TicMode mode) {
        writer = new Thread(() -> {
            RealTimeFeed feed = new RealTimeFeed(new MeterSimulator(MeterSimulator.Config.defaults(mode, false)),
                    Instant.now(), 4);
            try (OutputStream out = Files.newOutputStream(meterSide)) {
                feed.writeTo(out);
            } catch (IOException | InterruptedException e) {
                // line unplugged or test over
            }
        }, "meter-" + mode);
        writer.setDaemon(true);
        writer.start();
    }

    /** A capture written again and again, every 100 ms, as a meter behind a damaging adapter would send it. */
    void startCapture(byte[] capture) {
        writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(meterSide)) {
                while (!Thread.currentThread().isInterrupted()) {
                    out.write(capture);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // line unplugged or test over
            }
        }, "capture");
        writer.setDaemon(true);
        writer.start();
    }

    void stopMeter() throws InterruptedException {
        if (writer != null) {
            writer.interrupt();
            writer.join(2000);
            writer = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopMeter();
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
