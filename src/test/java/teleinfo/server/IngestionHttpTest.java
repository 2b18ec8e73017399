package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.array;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.standard;

import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.testsupport.TestDatabase;

/**
 * The ingestion endpoint end to end: the server role as it runs (Camel Main, Jetty, the guard, the routes), a real
 * HTTP client, and a real database. Run once on each database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IngestionHttpTest {
    TestServer server;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        server = new TestServer(database.newDatabaseUrl());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private long count(String sql) throws Exception {
        javax.sql.DataSource ds = server.main.lookup("dataSource", javax.sql.DataSource.class);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertError(TestServer.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.json().path("error").asText()).isNotBlank();
        assertThat(a.header("Authorization")).isNull();
    }

    @Test
    void storesOneReadingAndCountsItsRepeatAsDuplicate() throws Exception {
        TestServer.Answer first = server.post(historic("100000000001", 0));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.json().toString()).isEqualTo("{\"stored\":1,\"duplicates\":0}");
        assertThat(server.post(historic("100000000001", 0)).body()).isEqualTo("{\"stored\":0,\"duplicates\":1}");
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000001'")).isEqualTo(1);
        // folded into the roll-up by the server's timer (route roll-up-fold), with no read of the API
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COALESCE(SUM(n), 0) FROM reading_hour WHERE meter = '100000000001'") == 1);
        assertThat(count("SELECT COUNT(*) FROM reading_hour_pending")).isZero();
        assertThat(first.header("Authorization")).isNull();
    }

    @Test
    void storesABatchCountingStoredAndDuplicates() throws Exception {
        server.post(historic("100000000002", 0));
        TestServer.Answer a = server.post(array(List.of(historic("100000000002", 0), historic("100000000002", 1),
                standard("100000000003", 1), historic("100000000002", 1))));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{\"stored\":2,\"duplicates\":2}");
    }

    @Test
    void aBatchWithOneInvalidReadingStoresNone() throws Exception {
        List<ObjectNode> batch = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            batch.add(historic("100000000004", m));
        }
        ((ObjectNode) batch.get(3).get("power")).put("min", 5000);
        TestServer.Answer a = server.post(array(batch));
        assertError(a, 400);
        assertThat(a.json().get("field").asText()).isEqualTo("power.min");
        assertThat(a.json().get("index").asInt()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000004'")).isZero();
    }

    @Test
    void invalidReadingsAre400WithFieldAndIndex() throws Exception {
        ObjectNode notOnMinute = historic("100000000005", 0);
        notOnMinute.put("time", "2026-11-29T20:00:30Z");
        TestServer.Answer a = server.post(notOnMinute);
        assertError(a, 400);
        assertThat(a.json().get("field").asText()).isEqualTo("time");
        assertThat(a.json().get("index").asInt()).isZero();

        ObjectNode future = historic("100000000005", 0);
        future.put("time", Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString());
        assertThat(server.post(future).json().get("field").asText()).isEqualTo("time");

        ObjectNode wrongType = historic("100000000005", 0);
        wrongType.put("frames", "41");
        assertThat(server.post(array(List.of(historic("100000000005", 1), wrongType))).json().toString())
                .isEqualTo("{\"error\":\"frames must be an integer\",\"field\":\"frames\",\"index\":1}");

        ObjectNode missing = historic("100000000005", 0);
        missing.remove("registers");
        assertThat(server.post(missing).json().get("field").asText()).isEqualTo("registers");
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000005'")).isZero();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        for (String body : List.of("{\"meter\": ", "not json", "[1, 2", "{} {}", "")) {
            TestServer.Answer a = server.send(HttpRequest.newBuilder(server.uri())
                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertError(a, 400);
            assertThat(a.json().get("index").isNull()).isTrue();
        }
        assertError(server.post(TestReadings.JSON.createArrayNode()), 400);
        assertError(server.post(TestReadings.JSON.getNodeFactory().textNode("x")), 400);
    }

    @Test
    void withoutAValidTokenIs401() throws Exception {
        String body = historic("100000000006", 0).toString();
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer ", "Basic " + TestServer.TOKEN,
                TestServer.TOKEN, "Bearer " + TestServer.TOKEN + "x", "Bearer collector-token-1,collector-token-2"}) {
            HttpRequest.Builder r = HttpRequest.newBuilder(server.uri()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (authorization != null) {
                r.header("Authorization", authorization);
            }
            assertError(server.send(r), 401);
        }
        // every configured token is accepted
        TestServer.Answer other = server.send(HttpRequest.newBuilder(server.uri())
                .header("Authorization", "Bearer " + TestServer.OTHER_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            TestServer.Answer a = server.send(HttpRequest.newBuilder(server.uri())
                    .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "application/json")
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(historic("100000000007", 0).toString())));
            assertError(a, 405);
            assertThat(a.header("Allow")).isEqualTo("POST");
        }
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000007'")).isZero();
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        String body = historic("100000000008", 0).toString();
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "application/xml", null}) {
            HttpRequest.Builder r = HttpRequest.newBuilder(server.uri())
                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (type != null) {
                r.header("Content-Type", type);
            }
            assertError(server.send(r), 415);
        }
        TestServer.Answer withCharset = server.send(HttpRequest.newBuilder(server.uri())
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withCharset.status()).isEqualTo(200);
    }

    @Test
    void bodiesOverTheLimitAre413ChunkedOrNot() throws Exception {
        // by Content-Length: the answer comes from the headers alone. A raw socket sends only the headers, as a client
        // waiting for "100 Continue" would (a client pushing 9 MB may see the connection closed under it instead).
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/readings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestServer.TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (9 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413 ").contains("Content-Type: application/json")
                    .contains("{\"error\":\"request body of 9437184 bytes over the limit of 8388608\"");
        }
        // chunked: counted as it is read
        byte[] big = new byte[8 * 1024 * 1024 + 1000];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        TestServer.Answer chunked = server.postChunked(big);
        assertError(chunked, 413);
        assertThat(chunked.json().get("error").asText()).contains("over the limit");
        // a chunked body under the limit goes through
        TestServer.Answer small = server.postChunked(historic("100000000009", 0).toString()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(small.status()).as(small.body()).isEqualTo(200);
        // more readings than a batch may hold
        List<ObjectNode> tooMany = new ArrayList<>();
        ObjectNode one = historic("100000000009", 1);
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(one);
        }
        assertError(server.post(array(tooMany)), 413);
    }

    @Test
    void aBatchOfTenThousandReadings() throws Exception {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(historic(String.format("2%011d", i % 1_000), i / 1_000));
        }
        TestServer.Answer a = server.post(array(batch));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{\"stored\":10000,\"duplicates\":0}");
        assertThat(server.post(array(batch)).body()).isEqualTo("{\"stored\":0,\"duplicates\":10000}");
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter LIKE '2%'")).isEqualTo(10_000);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COALESCE(SUM(n), 0) FROM reading_hour WHERE meter LIKE '2%'") == 10_000);
    }

    @Test
    void sqlMetacharactersAreStoredVerbatimOrRejected() throws Exception {
        String[] nasty = {"'; DROP TABLE reading; --", "' OR '1'='1", "\\'; --", "\"`);#", "%_\\%"};
        long before = count("SELECT COUNT(*) FROM reading");
        for (String s : nasty) {
            for (String field : List.of("meter", "time", "mode", "period")) {
                ObjectNode r = historic("100000000010", 0);
                r.put(field, s);
                TestServer.Answer a = server.post(r);
                assertError(a, 400);
                assertThat(a.json().get("field").asText()).isEqualTo(field);
            }
            ObjectNode badRegister = historic("100000000010", 0);
            ((ObjectNode) badRegister.get("registers")).put(s, 1);
            assertError(server.post(badRegister), 400);
            ObjectNode badPower = historic("100000000010", 0);
            ((ObjectNode) badPower.get("power")).put("avg", s);
            assertError(server.post(badPower), 400);
        }
        // free-text fields (standard mode's NGTF and LTARF, ≤ 16 characters) are stored exactly as sent
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < nasty.length; i++) {
            String s = nasty[i].length() > 16 ? nasty[i].substring(0, 16) : nasty[i];
            ObjectNode r = standard("100000000010", i);
            r.put("option", s);
            r.put("periodRaw", new StringBuilder(s).reverse().toString());
            assertThat(server.post(r).status()).isEqualTo(200);
            stored.add(s);
        }
        javax.sql.DataSource ds = server.main.lookup("dataSource", javax.sql.DataSource.class);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT tariff_option, period_raw FROM reading WHERE meter = '100000000010' ORDER BY t")) {
            for (String s : stored) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(s);
                assertThat(rs.getString(2)).isEqualTo(new StringBuilder(s).reverse().toString());
            }
            assertThat(rs.next()).isFalse();
        }
        assertThat(count("SELECT COUNT(*) FROM reading")).isEqualTo(before + nasty.length);
    }

    @Test
    void otherPathsAreNotTheEndpoint() throws Exception {
        TestServer.Answer a = server.send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port + "/api/readings/x"))
                .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(historic("100000000011", 0).toString())));
        assertThat(a.status()).isEqualTo(404);
    }

    /**
     * camel-jetty used to route these spellings to the ingestion route past the token check (issue 9, item 1): each
     * one, with or without a token, POST JSON or PUT text, now answers 404 and stores nothing.
     */
    @Test
    void everyOtherSpellingOfThePathIs404AndStoresNothing() throws Exception {
        byte[] body = historic("100000000012", 0).toString().getBytes(StandardCharsets.UTF_8);
        List<String> spellings = List.of("/api/readings/", "/api/readings/.", "/API/readings", "/Api/Readings",
                "/api/READINGS", "/api/readings//", "/api/readings/./", "/api/./readings", "/api/x/../readings",
                "/api/%72eadings", "/api/readings;x", "/api/readings%20", "/api/readings.", "/api/readings%2e");
        for (String path : spellings) {
            for (String authorization : new String[] {null, "Bearer " + TestServer.TOKEN}) {
                java.util.Map<String, String> json = new java.util.HashMap<>(java.util.Map.of(
                        "Content-Type", "application/json"));
                java.util.Map<String, String> text = new java.util.HashMap<>(java.util.Map.of(
                        "Content-Type", "text/plain"));
                if (authorization != null) {
                    json.put("Authorization", authorization);
                    text.put("Authorization", authorization);
                }
                for (String[] request : new String[][] {{"POST", "json"}, {"PUT", "text"}}) {
                    String answer = server.raw(request[0], path, request[1].equals("json") ? json : text, body);
                    assertThat(TestServer.status(answer)).as(request[0] + " " + path + " " + authorization + ": "
                            + answer).isIn(400, 404);
                }
            }
        }
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000012'")).isZero();
        // the exact path still works, and the chart's paths are exact too
        String ok = server.raw("POST", "/api/readings", java.util.Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + TestServer.TOKEN), body);
        assertThat(TestServer.status(ok)).as(ok).isEqualTo(200);
        assertThat(TestServer.status(server.raw("GET", "/API/meters", java.util.Map.of(), null))).isEqualTo(404);
        assertThat(TestServer.status(server.raw("GET", "/api/meters/", java.util.Map.of(), null))).isEqualTo(404);
        assertThat(TestServer.status(server.raw("GET", "/api/meters", java.util.Map.of(), null))).isEqualTo(200);
    }

    /**
     * Spreadsheet formulas (issue 9, item 6): refused where a meter has a closed vocabulary (historic OPTARIF, PTEC);
     * where it sends free text (standard NGTF, LTARF) stored as sent but exported to CSV as text, never as a formula.
     */
    @Test
    void formulasAreRefusedOrExportedAsText() throws Exception {
        String[] formulas = {"=HYPERLINK(\"x\")", "@SUM(1+1)", "+1+2", "=cmd|'/C calc'", "-1+1", "=1"};
        for (String formula : formulas) {
            for (String field : List.of("option", "periodRaw")) {
                ObjectNode r = historic("100000000013", 0);
                r.put(field, formula);
                TestServer.Answer a = server.post(r);
                assertError(a, 400);
                assertThat(a.json().get("field").asText()).isEqualTo(field);
            }
        }
        for (String valid : List.of("BASE", "HC..", "EJP.", "BBR(")) {
            assertThat(server.post(historic("100000000013", 0).put("option", valid).put("periodRaw", "TH.."))
                    .status()).as(valid).isIn(200);
        }
        assertThat(count("SELECT COUNT(*) FROM reading WHERE meter = '100000000013'")).isEqualTo(1);

        for (int i = 0; i < formulas.length; i++) {
            assertThat(server.post(standard("100000000014", i).put("option", formulas[i])
                    .put("periodRaw", formulas[i])).status()).isEqualTo(200);
        }
        long from = TestReadings.BASE_T * 1000;
        TestServer.Answer csv = server.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port
                + "/api/readings.csv?meter=100000000014&from=" + from + "&to=" + (from + 3_600_000))).GET());
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(formulas.length + 1);
        for (int i = 1; i < lines.length; i++) {
            for (String cell : lines[i].split(",")) {
                assertThat(cell).as(lines[i]).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+")
                        .doesNotStartWith("-");
            }
        }
        assertThat(csv.body()).contains("'=HYPERLINK(_x_)", "'@SUM(1+1)", "'+1+2", "'=cmd|'/C calc'");
    }
}
