package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.Mosquitto;
import teleinfo.testsupport.MqttRecorder;

/** The packaged collector publishing to a real Mosquitto, MQTT only (no server), as a user would run it. */
class MqttCollectorJarIT {
    private static final Path JAR = Path.of("target", "rpi-teleinfo.jar");
    @TempDir
    Path dir;

    private Process start(Map<String, String> env, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "collector"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEINFO_"));
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile());
        return pb.start();
    }

    @Test
    void aBadMqttSettingStopsTheStartWithOneLine() throws Exception {
        Process p = start(Map.of("TELEINFO_MQTT_URL", "mqtt://broker", "TELEINFO_MQTT_PASSWORD", "never-shown",
                "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err.log"))).containsExactly("rpi-teleinfo: invalid setting "
                + "collector.mqtt.url (TELEINFO_MQTT_URL) = 'mqtt://broker': expected tcp://host:port or "
                + "ssl://host:port (user and password go in TELEINFO_MQTT_USER and TELEINFO_MQTT_PASSWORD)");
    }

    @Test
    void publishesTheSimulatedMeterAndLeavesItsLastWillWhenKilled() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker")).start();
                MqttRecorder ha = new MqttRecorder(broker.url(), "#")) {
            Process p = start(Map.of(
                    "TELEINFO_PORT", "simulator",
                    "TELEINFO_SPEED", "30",
                    "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString(),
                    "TELEINFO_MQTT_URL", broker.url(),
                    "TELEINFO_MQTT_INTERVAL", "1s"));
            try {
                ha.await(m -> m.topic().equals("teleinfo/status") && m.payload().equals("online"), 60,
                        "online\n" + Files.readString(dir.resolve("out.log")));
                ha.await(m -> m.topic().equals("homeassistant/sensor/teleinfo_041876097451/energy_east/config"), 30,
                        "discovery config of EAST");
                ha.await(m -> m.topic().equals("teleinfo/041876097451/state") && m.payload().contains("\"EAST\":"),
                        30, "live state");
                ha.await(m -> m.topic().equals("teleinfo/041876097451/reading"), 60, "a closed minute");
                assertThat(Files.list(dir.resolve("spool")).filter(f -> f.toString().endsWith(".json")))
                        .as("nothing spooled without a server").isEmpty();

                p.destroyForcibly(); // SIGKILL: no goodbye, the broker sends the last will
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                ha.await(m -> m.topic().equals("teleinfo/status") && m.payload().equals("offline"), 30,
                        "last will");
            } finally {
                p.destroyForcibly();
            }
            try (MqttRecorder later = new MqttRecorder(broker.url(), "teleinfo/status")) {
                assertThat(later.await(m -> true, 10, "retained availability").payload()).as("retained")
                        .isEqualTo("offline");
            }
        }
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tools.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + Files.readString(dir.resolve("tools.log")))
                .isZero();
    }

    /**
     * ssl:// to a broker whose self-signed certificate the JVM is told to trust (a home broker's case; a certificate
     * from a public authority needs no option), the host name checked against the certificate.
     */
    @Test
    void publishesOverTls() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path trust = dir.resolve("trust.p12");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "broker", "-file", cert.toString(), "-keystore", trust.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        int tlsPort = FreePort.find();
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker")).withTls(tlsPort, cert, key).start();
                MqttRecorder ha = new MqttRecorder(broker.url(), "#")) {
            Process p = start(Map.of(
                    "TELEINFO_PORT", "simulator",
                    "TELEINFO_SPEED", "30",
                    "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString(),
                    "TELEINFO_MQTT_URL", "ssl://127.0.0.1:" + tlsPort,
                    "TELEINFO_MQTT_INTERVAL", "1s"),
                    "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit");
            try {
                ha.await(m -> m.topic().equals("teleinfo/041876097451/state"), 60,
                        "state over TLS\n" + Files.readString(dir.resolve("out.log")) + broker.log());
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
