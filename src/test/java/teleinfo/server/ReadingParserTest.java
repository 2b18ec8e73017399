package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The work a request body can cause is bounded before anything is materialised (issue 9, item 3): bodies that used to
 * be read whole into a tree (millions of elements or keys) are refused after a bounded amount of memory.
 */
class ReadingParserTest {
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final long ALLOCATION_BOUND = 64L * 1024 * 1024;
    private final ReadingParser parser = new ReadingParser(new ReadingValidator(), 10_000, MAX_BODY);

    /** The status of the refusal, and the bytes this thread allocated while the parser read the body. */
    private record Outcome(int status, String error, long allocated) {
    }

    private Outcome parse(Supplier<InputStream> body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(body.get());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            parser.process(exchange);
            return new Outcome(200, null, threads.getCurrentThreadAllocatedBytes() - before);
        } catch (Exception e) {
            // mapped as the route's error policy (JsonApiErrors) maps it
            ApiException api = null;
            for (Throwable t = e; t != null && api == null; t = t.getCause()) {
                api = ReadingBodyFailures.asApiException(t);
            }
            if (api == null) {
                throw new AssertionError(e);
            }
            return new Outcome(api.status(), api.error(), threads.getCurrentThreadAllocatedBytes() - before);
        }
    }

    /** A body of about 16 MB: open, then the unit repeated, then close. */
    private static Supplier<InputStream> repeated(String open, String unit, String close) {
        byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
        int n = (MAX_BODY - 16) / u.length;
        byte[] body = new byte[open.length() + n * u.length + close.length() - 1];
        System.arraycopy(open.getBytes(StandardCharsets.US_ASCII), 0, body, 0, open.length());
        for (int i = 0; i < n; i++) {
            System.arraycopy(u, 0, body, open.length() + i * u.length, u.length);
        }
        // the last unit's separator makes way for the closing bracket
        System.arraycopy(close.getBytes(StandardCharsets.US_ASCII), 0, body, body.length - close.length(),
                close.length());
        return () -> new ByteArrayInputStream(body);
    }

    @Test
    void millionsOfEmptyObjectsAre413AfterTheBatchLimit() {
        Outcome o = parse(repeated("[", "{},", "]"));
        assertThat(o.status()).isEqualTo(413);
        assertThat(o.allocated()).as("bytes allocated").isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void anObjectWithAMillionKeysIs400() {
        int[] key = {0};
        StringBuilder keys = new StringBuilder("{");
        while (keys.length() < MAX_BODY - 32) {
            keys.append("\"k").append(key[0]++).append("\":0,");
        }
        keys.setCharAt(keys.length() - 1, '}');
        byte[] body = keys.toString().getBytes(StandardCharsets.US_ASCII);
        Outcome o = parse(() -> new ByteArrayInputStream(body));
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.error()).contains("more than 64 fields");
        assertThat(o.allocated()).as("bytes allocated").isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void hugeStringsNamesNumbersArraysAndNestingAre400() {
        String longString = "\"" + "a".repeat(2_000_000) + "\"";
        for (String body : new String[] {"{\"meter\":" + longString + "}", "{" + longString + ":1}",
                "{\"frames\":" + "9".repeat(100_000) + "}", "{\"current\":[" + "1,".repeat(1_000_000) + "1]}",
                "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)}) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            Outcome o = parse(() -> new ByteArrayInputStream(bytes));
            assertThat(o.status()).as(body.substring(0, 20)).isEqualTo(400);
            assertThat(o.allocated()).as("bytes allocated for " + body.substring(0, 20)).isLessThan(ALLOCATION_BOUND);
            assertThat(o.error()).hasSizeLessThan(400);
        }
    }

    @Test
    void aBodyOverTheLimitIs413WhateverItsHeadersSaid() {
        Outcome o = parse(repeated("[", "                ", "]"));
        assertThat(o.status()).isEqualTo(400); // just under the limit: an empty array
        byte[] over = new byte[MAX_BODY + 10];
        java.util.Arrays.fill(over, (byte) ' ');
        over[0] = '[';
        over[over.length - 1] = ']';
        Outcome tooLong = parse(() -> new ByteArrayInputStream(over));
        assertThat(tooLong.status()).isEqualTo(413);
    }
}
