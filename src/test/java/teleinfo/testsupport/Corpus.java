package teleinfo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

/** The capture corpus kept in the repository ({@code src/test/resources/frames}). Missing corpus = failing test. */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        Path p = Path.of("src", "test", "resources", "frames").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("the capture corpus is missing: expected it at " + p);
        }
        return p;
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every capture file, relative to the corpus folder. */
    public static List<String> files() {
        try (var s = Files.walk(dir())) {
            List<String> out = new ArrayList<>();
            s.filter(p -> p.toString().endsWith(".bin")).sorted()
                    .forEach(p -> out.add(dir().relativize(p).toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a whole byte array in one go. */
    public static List<TicFrame> decode(byte[] bytes, TicMode mode) {
        List<TicFrame> frames = new ArrayList<>();
        new TicFrameDecoder(mode, f -> frames.add(f.toFrame())).feed(bytes);
        return frames;
    }
}
