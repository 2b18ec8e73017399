package teleinfo.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import teleinfo.cli.DecodeCommand;
import teleinfo.protocol.FrameView;
import teleinfo.protocol.TicFrameDecoder;

/**
 * What the {@code decode} command's JSON output costs beside the decoding: the same 1,000,000-byte streams as
 * {@link DecoderBenchmark} (so ops/s is MB/s), written to /dev/null through a PrintStream made as System.out is made
 * (autoflush over a 128-byte buffer).
 *
 * <p>The machine this runs on is often shared, and JMH's score is wall-clock: at the end of each iteration the
 * benchmark also prints {@code cpu: N MB/s}, the megabytes it went through per second of its thread's CPU time,
 * which the other processes on the machine move much less.
 *
 * <p>{@code decodeOnly}: the decoder alone. {@code command}: the {@code decode} command as it is, reading the stream
 * from memory. {@code mapperPerLineBefore}: what the command did before (a map per frame, ObjectMapper to a String,
 * println), reproduced here as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeOutputBenchmark {
    @Param({"historic", "standard"})
    public String mode;

    private byte[] stream;
    private PrintStream stdout;
    private final PrintStream stderr = new PrintStream(OutputStream.nullOutputStream());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Setup
    public void setUp() throws IOException {
        stream = DecoderBenchmark.stream(mode.equals("historic") ? DecoderBenchmark.HISTORIC : DecoderBenchmark.STANDARD,
                DecoderBenchmark.STREAM_BYTES);
        stdout = systemOutLike();
    }

    static PrintStream systemOutLike() throws FileNotFoundException {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream("/dev/null"), 128), true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stdout.close();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long cpuNanos;
    private long bytes;

    @TearDown(Level.Iteration)
    public void printCpuThroughput() {
        if (cpuNanos > 0) {
            System.out.printf("cpu: %.1f MB/s%n", bytes / 1e6 / (cpuNanos / 1e9));
        }
        cpuNanos = 0;
        bytes = 0;
    }

    private void count(long t0) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - t0;
        bytes += stream.length;
    }

    @Benchmark
    public long decodeOnly() {
        long t0 = THREADS.getCurrentThreadCpuTime();
        long[] groups = new long[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> groups[0] += f.groupCount());
        feed(decoder);
        count(t0);
        return groups[0];
    }

    @Benchmark
    public int command() {
        long t0 = THREADS.getCurrentThreadCpuTime();
        int status = new DecodeCommand(new ByteArrayInputStream(stream), stdout, stderr).run(new String[] {"-"});
        count(t0);
        return status;
    }

    @Benchmark
    public void mapperPerLineBefore() {
        long t0 = THREADS.getCurrentThreadCpuTime();
        TicFrameDecoder decoder = new TicFrameDecoder(null, this::printBefore);
        feed(decoder);
        stdout.flush();
        count(t0);
    }

    private void feed(TicFrameDecoder decoder) {
        // the command reads 64 KiB at a time
        for (int i = 0; i < stream.length; i += 65536) {
            decoder.feed(stream, i, Math.min(65536, stream.length - i));
        }
    }

    private void printBefore(FrameView frame) {
        Map<String, Object> line = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, String> dates = new LinkedHashMap<>();
        for (int i = 0; i < frame.groupCount(); i++) {
            String label = frame.label(i).text();
            groups.putIfAbsent(label, frame.value(i));
            String h = frame.horodate(i);
            if (h != null) {
                dates.putIfAbsent(label, h);
            }
        }
        line.put("mode", frame.mode().jsonName());
        line.put("groups", groups);
        line.put("dates", dates);
        line.put("errors", frame.errors());
        try {
            stdout.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
