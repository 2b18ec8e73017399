package teleinfo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) on 127.0.0.1 and a free port, with its own configuration
 * (anonymous clients, no persistence): never the machine's broker on 1883. It can be stopped, frozen (SIGSTOP: a
 * broker that no longer answers), killed and started again on the same port.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;
    private String extraListeners = "";

    public Mosquitto(Path dir) {
        this(dir, FreePort.find());
    }

    public Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** A second listener with TLS on {@code tlsPort}, PEM certificate and key (before {@link #start()}). */
    public Mosquitto withTls(int tlsPort, Path certificate, Path key) {
        extraListeners = "listener " + tlsPort + " 127.0.0.1\n"
                + "certfile " + certificate + "\n"
                + "keyfile " + key + "\n";
        return this;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized Mosquitto start() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                    + "allow_anonymous true\n"
                    // started by root, mosquitto would switch to its own account and could not read the test's files
                    + "user " + System.getProperty("user.name") + "\n"
                    + "persistence false\n"
                    + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
                    + extraListeners);
            process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto (Debian package mosquitto): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + log());
                }
                sleep(20);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + ": " + log());
    }

    /** Stops the broker as a crash would (SIGKILL): connected clients see their connection drop. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
            process = null;
        }
    }

    /** SIGSTOP / SIGCONT: a broker that keeps its connections open but no longer answers. */
    public synchronized void freeze(boolean frozen) {
        try {
            new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String log() {
        try {
            Path log = dir.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("mosquitto.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            freeze(false);
            process.destroy();
            waitFor();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            process = null;
        }
    }
}
