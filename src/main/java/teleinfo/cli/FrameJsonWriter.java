package teleinfo.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import teleinfo.protocol.FrameView;
import teleinfo.protocol.TicLabel;

/**
 * Writes each frame as one JSON line, {@code {"mode":..,"groups":{..},"dates":{..},"errors":n}}, straight from the
 * decoder's view with Jackson's streaming generator: no map, no tree, no flush per line (the output is
 * buffered and flushed by {@link #close()}). A label sent twice in a frame: the first one counts, as in TicFrame.
 */
final class FrameJsonWriter implements AutoCloseable {
    /** The output stream is not ours to close: close() flushes it. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JsonGenerator json;
    private final EnumSet<TicLabel> seen = EnumSet.noneOf(TicLabel.class);

    FrameJsonWriter(OutputStream out) {
        try {
            json = JSON.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    void write(FrameView frame) {
        try {
            json.writeStartObject();
            json.writeStringField("mode", frame.mode().jsonName());
            json.writeObjectFieldStart("groups");
            seen.clear();
            boolean horodated = false;
            for (int i = 0; i < frame.groupCount(); i++) {
                TicLabel label = frame.label(i);
                if (seen.add(label)) {
                    json.writeStringField(label.text(), frame.value(i));
                    horodated |= label.isHorodated();
                }
            }
            json.writeEndObject();
            json.writeObjectFieldStart("dates");
            if (horodated) {
                seen.clear();
                for (int i = 0; i < frame.groupCount(); i++) {
                    TicLabel label = frame.label(i);
                    if (label.isHorodated() && seen.add(label)) {
                        json.writeStringField(label.text(), frame.horodate(i));
                    }
                }
            }
            json.writeEndObject();
            json.writeNumberField("errors", frame.errors());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
