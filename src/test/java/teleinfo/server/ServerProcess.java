package teleinfo.server;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar's server role in a process of its own, as a user starts it, settings from the environment. */
final class ServerProcess implements AutoCloseable {
    final int port;
    final Path log;
    private final Process process;

    private ServerProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java -jar target/rpi-teleinfo.jar server} in dir, appending to dir/server.log; waits until
     * {@code /health} says UP (database reachable, schema migrated).
     */
    static ServerProcess start(Path dir, int port, Map<String, String> environment) throws Exception {
        return start(dir, port, environment, "-Xmx256m");
    }

    static ServerProcess start(Path dir, int port, Map<String, String> environment, String heap) throws Exception {
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-jar", new File("target/rpi-teleinfo.jar").getAbsolutePath(), "server")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TELEINFO_HTTP_HOST", "127.0.0.1");
        pb.environment().put("TELEINFO_HTTP_PORT", String.valueOf(port));
        pb.environment().putAll(environment);
        ServerProcess server = new ServerProcess(port, log, pb.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!server.listening()) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                server.kill();
                throw new AssertionError("server did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return server;
    }

    private boolean listening() throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Writes the bytes on a new connection and reads until the server closes it (or 30 s): the answer as
     * ISO-8859-1 text, empty when the server closed without one.
     */
    String raw(byte[] request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before reading all of it
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (java.net.SocketException reset) {
                // closed with unread data: what came before the reset is the answer
            }
            return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, nothing the JVM can do. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd stops it; true when it stopped within the time. */
    boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        boolean stopped = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!stopped) {
            kill();
        }
        return stopped;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
