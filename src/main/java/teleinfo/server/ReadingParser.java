package teleinfo.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Request body (JSON) → validated {@link ReadingRow}s; a malformed body or an invalid reading is a 400.
 *
 * <p>The body is read as a stream of tokens and only a bounded tree is ever built from it, one reading at a time
 * (validated at once into its row): at most {@code maxBatch} readings (the next one is a 413 before it is read), at
 * most {@value #MAX_FIELDS} fields per object and {@value #MAX_ELEMENTS} elements per array inside a reading,
 * containers at most {@value #MAX_DEPTH} deep, strings, names and numbers of bounded length (Jackson's
 * {@link StreamReadConstraints}). A 16 MB array of millions of {@code {}} or an object with a million keys used to be
 * materialised whole by {@code readTree} and exhausted the heap.
 */
public final class ReadingParser implements Processor {
    static final int MAX_FIELDS = 64;
    static final int MAX_ELEMENTS = 16;
    static final int MAX_DEPTH = 4;
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(1_000)
                    .maxNameLength(100)
                    .maxNumberLength(40)
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .build())
            .build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ReadingValidator validator;
    private final int maxBatch;
    private final long maxBodyBytes;

    public ReadingParser(ReadingValidator validator, int maxBatch, long maxBodyBytes) {
        this.validator = validator;
        this.maxBatch = maxBatch;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        List<ReadingRow> rows;
        try (InputStream in = new LimitedInputStream(exchange.getIn().getMandatoryBody(InputStream.class),
                maxBodyBytes); JsonParser parser = json.createParser(in)) {
            rows = body(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ApiException(400, "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new ApiException(400, "empty body");
        }
        exchange.getIn().setBody(rows);
    }

    /**
     * One value, or an array of at most maxBatch values, then nothing else. Each reading of an array is validated as
     * soon as it is read, and only its row is kept: the tree of one reading is all that is ever built (a batch of
     * 10,000 readings as one tree was 20 MB of objects that the young collections had to copy). The first invalid
     * reading is reported once the whole body has been read, so that malformed JSON and a batch over the limit are
     * answered first, as when the body was read whole before being validated.
     */
    private List<ReadingRow> body(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ApiException(400, "empty body");
        }
        long now = validator.now();
        List<ReadingRow> rows = new ArrayList<>();
        ApiException invalid = null;
        JsonNode single = null;
        if (first == JsonToken.START_ARRAY) {
            int count = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (count == maxBatch) {
                    throw new ApiException(413, "batch of more than " + maxBatch + " readings is over the limit of "
                            + maxBatch);
                }
                JsonNode reading = value(parser, 1);
                if (invalid == null) {
                    try {
                        rows.add(validator.reading(reading, count, now));
                    } catch (ApiException e) {
                        invalid = e;
                        rows.clear();
                    }
                }
                count++;
            }
            if (count == 0) {
                invalid = new ApiException(400, "empty array: no readings");
            }
        } else {
            single = value(parser, 0);
        }
        if (parser.nextToken() != null) {
            throw new ApiException(400, "malformed JSON: more content after the end of the value");
        }
        if (single != null) {
            if (!single.isObject()) {
                throw new ApiException(400, "expected a reading (object) or an array of readings");
            }
            return List.of(validator.reading(single, 0, now));
        }
        if (invalid != null) {
            throw invalid;
        }
        return rows;
    }

    /** The value at the parser's current token, bounded as the class comment says. */
    private JsonNode value(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new ApiException(400, "malformed JSON: nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    if (object.size() == MAX_FIELDS) {
                        throw new ApiException(400, "malformed JSON: an object has more than " + MAX_FIELDS
                                + " fields");
                    }
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, value(parser, depth + 1));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (array.size() == MAX_ELEMENTS) {
                        throw new ApiException(400, "malformed JSON: an array in a reading has more than "
                                + MAX_ELEMENTS + " elements");
                    }
                    array.add(value(parser, depth + 1));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new ApiException(400, "malformed JSON: unexpected " + token);
        }
    }

    /** Fails with BodyTooLargeException (a 413) once more than the limit has been read, whatever the headers said. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
