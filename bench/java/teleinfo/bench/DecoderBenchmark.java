package teleinfo.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import teleinfo.protocol.TicFrameDecoder;

/**
 * Decoding throughput on one thread, every check on. Each operation decodes a stream of exactly 1,000,000 bytes
 * made by repeating the real captures of one mode (partial frames, CRLF artefacts and all), fed in 4 kB reads as a
 * serial port or file would give them. So the score in ops/s is the throughput in MB/s.
 *
 * <p>{@code frames}: the decoder alone (the listener reads the group count). {@code materialise}: the listener also
 * copies every frame into an immutable TicFrame, as the collector does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {
    static final int STREAM_BYTES = 1_000_000;
    static final int READ_SIZE = 4096;

    static final List<String> HISTORIC = List.of(
            "nextdom-issue24-hist-base-3p.bin", "pyteleinfo-hist-hc-1p-validframe.bin",
            "pyteleinfo-hist-tempo-1p-linky.bin", "teleinfomqtt-hist-hc-1p-dump.bin",
            "teleinfonom-hist-tempo-1p-raw.bin", "teleinfotest-hist-hc-1p.bin",
            "ticdecodecpp-hist-base-3p-2023-raw.bin", "wifinfo-hist-hc-1p.bin", "yadoms-hist-base-1p.bin",
            "normalized/teleinfomqtt-hist-hc-1p-dump.normalized.bin",
            "normalized/ticdecodecpp-hist-base-3p-2023.normalized.bin");
    static final List<String> STANDARD = List.of(
            "goteleinfo-std-hc-1p.bin", "linkytic-std-base-1p.bin", "ticdecodecpp-std-base-1p.bin",
            "ticmeter-std-producer-1p.bin", "ticmeter-std-tempo-1p.bin", "yadoms-std-vtic01-1p.bin");

    @Param({"historic", "standard"})
    public String mode;

    private byte[] stream;

    @Setup
    public void setUp() throws IOException {
        stream = stream(mode.equals("historic") ? HISTORIC : STANDARD, STREAM_BYTES);
    }

    /** The captures, concatenated and repeated to exactly {@code size} bytes. */
    static byte[] stream(List<String> files, int size) throws IOException {
        Path dir = Path.of(System.getProperty("teleinfo.frames", "src/test/resources/frames"));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String f : files) {
            all.writeBytes(Files.readAllBytes(dir.resolve(f)));
        }
        byte[] captures = all.toByteArray();
        byte[] out = new byte[size];
        for (int i = 0; i < size; i += captures.length) {
            System.arraycopy(captures, 0, out, i, Math.min(captures.length, size - i));
        }
        return out;
    }

    @Benchmark
    public long frames(Blackhole bh) {
        long[] groups = new long[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> groups[0] += f.groupCount());
        feed(decoder);
        bh.consume(decoder.stats().checksumErrors());
        return groups[0];
    }

    @Benchmark
    public void materialise(Blackhole bh) {
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> bh.consume(f.toFrame()));
        feed(decoder);
    }

    private void feed(TicFrameDecoder decoder) {
        for (int i = 0; i < STREAM_BYTES; i += READ_SIZE) {
            decoder.feed(stream, i, Math.min(READ_SIZE, STREAM_BYTES - i));
        }
    }
}
