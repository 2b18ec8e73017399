package teleinfo.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import teleinfo.protocol.TicMode;

/**
 * A serial port opened raw, 7 data bits, even parity, 1 stop bit, at the speed of the mode.
 *
 * <p>A device that cannot take 7E1 (a pseudo-terminal is always 8N1; some USB adapters too) keeps its data size and
 * parity and applies the rest. glibc's {@code tcsetattr} then reports {@code EINVAL} when nothing else changed, i.e.
 * when the line already holds every setting it can take: at a second open of the same device (a restart, or a
 * reopen after a silence). jSerialComm treats that as a failed open; here the port is then opened again as it is,
 * which is the configuration asked for minus what the device refuses. Bytes are masked to 7 bits either way.
 *
 * <p>At JVM shutdown (SIGTERM) jSerialComm closes every open port in its own shutdown hook, which runs beside Camel's:
 * the reader then saw its port vanish while Camel was still closing the minute in progress, and warned "the port went
 * away". jSerialComm runs the hooks given to {@link SerialPort#addShutdownHook} before it closes the ports: the one
 * here waits (at most {@link #SHUTDOWN_WAIT}) for the ports to be closed by their consumers as Camel stops them.
 */
final class SerialSource implements TicSource {
    private static final int READ_TIMEOUT_MS = 500;
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    /** Ports open now, guarded by itself. */
    private static final int[] OPEN_PORTS = {0};

    static {
        SerialPort.addShutdownHook(new Thread(SerialSource::awaitPortsClosedByTheirConsumers, "tic-serial-shutdown"));
    }

    /** errno of a configuration the device did not take in full (glibc's tcsetattr after a silent kernel change). */
    static final int EINVAL = 22;
    private final SerialPort port;
    private final boolean configuredAsIs;
    /** Counted in {@link #OPEN_PORTS} until closed here; guarded by OPEN_PORTS. */
    private boolean counted;

    SerialSource(String path, TicMode mode) throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new NoSuchFileException(path);
        }
        SerialPort configured = open(path, mode, true);
        if (configured.openPort()) {
            port = configured;
            configuredAsIs = false;
            counted();
            return;
        }
        int error = configured.getLastErrorCode();
        if (error != EINVAL) {
            throw new IOException("cannot open " + path + " (error " + error + ")");
        }
        SerialPort asIs = open(path, mode, false);
        if (!asIs.openPort()) {
            throw new IOException("cannot open " + path + " (error " + EINVAL + ", then error "
                    + asIs.getLastErrorCode() + " when opened as it is)");
        }
        port = asIs;
        configuredAsIs = true;
        counted();
    }

    private void counted() {
        synchronized (OPEN_PORTS) {
            OPEN_PORTS[0]++;
            counted = true;
        }
    }

    static void awaitPortsClosedByTheirConsumers() {
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        synchronized (OPEN_PORTS) {
            long left;
            while (OPEN_PORTS[0] > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    OPEN_PORTS.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static SerialPort open(String path, TicMode mode, boolean configure) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("invalid port " + path + ": " + e.getMessage(), e);
        }
        if (!configure) {
            // the speed and read timeout are still applied; a refusal of the unchanged rest is ignored
            p.disablePortConfiguration();
        }
        p.setComPortParameters(mode.baudRate(), 7, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        return p;
    }

    /** The device refused part of 7E1 and was opened with the settings it already held (see the class comment). */
    boolean configuredAsIs() {
        return configuredAsIs;
    }

    @Override
    public int read(byte[] buf) {
        int n = port.readBytes(buf, buf.length);
        if (n < 0 || (n == 0 && !port.isOpen())) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            buf[i] &= 0x7F;
        }
        return n;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public boolean reopenWhenSilent() {
        return true;
    }

    @Override
    public void close() {
        synchronized (OPEN_PORTS) {
            port.closePort();
            if (counted) {
                counted = false;
                OPEN_PORTS[0]--;
                OPEN_PORTS.notifyAll();
            }
        }
    }
}
