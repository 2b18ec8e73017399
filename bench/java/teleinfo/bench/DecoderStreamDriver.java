package teleinfo.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import teleinfo.protocol.TicFrameDecoder;

/**
 * The decoder on a long stream, timed like a native decoder's driver would be (so the two can run side by side,
 * interleaved, on the same file): the whole file in memory, fed in 4 KiB chunks on one thread, thread CPU time.
 *
 * <pre>
 * mvn -q -Pbench compile
 * java -cp target/classes teleinfo.bench.DecoderStreamDriver write historic 26000000 /tmp/hist.bin
 * java -cp target/classes teleinfo.bench.DecoderStreamDriver write standard 98000000 /tmp/std.bin
 * java -cp target/classes teleinfo.bench.DecoderStreamDriver run 5 /tmp/hist.bin /tmp/std.bin
 * </pre>
 *
 * {@code write} repeats the corpus captures of {@link DecoderBenchmark} to the given size. {@code run} warms up for
 * about 3 s per file, then prints the median MB/s of the given number of passes, with the frames and groups seen.
 */
public final class DecoderStreamDriver {
    static final int READ_SIZE = 4096;

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("write")) {
            byte[] stream = DecoderBenchmark.stream(
                    args[1].equals("historic") ? DecoderBenchmark.HISTORIC : DecoderBenchmark.STANDARD,
                    Integer.parseInt(args[2]));
            Files.write(Path.of(args[3]), stream);
        } else if (args.length >= 3 && args[0].equals("run")) {
            int passes = Integer.parseInt(args[1]);
            for (int i = 2; i < args.length; i++) {
                run(Path.of(args[i]), passes);
            }
        } else {
            System.err.println("usage: DecoderStreamDriver write historic|standard BYTES FILE | run PASSES FILE...");
            System.exit(2);
        }
    }

    private static void run(Path file, int passes) throws IOException {
        byte[] data = Files.readAllBytes(file);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            decode(data);
        }
        double[] mbs = new double[passes];
        long[] counts = null;
        for (int p = 0; p < passes; p++) {
            long t0 = threads.getCurrentThreadCpuTime();
            counts = decode(data);
            long t1 = threads.getCurrentThreadCpuTime();
            mbs[p] = data.length / 1e6 / ((t1 - t0) / 1e9);
        }
        Arrays.sort(mbs);
        System.out.printf("ours %s bytes=%d frames=%d groups=%d checksum_errors=%d MB/s=%.1f%n", file, data.length,
                counts[0], counts[1], counts[2], mbs[passes / 2]);
    }

    private static long[] decode(byte[] data) {
        long[] groups = new long[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> groups[0] += f.groupCount());
        for (int i = 0; i < data.length; i += READ_SIZE) {
            decoder.feed(data, i, Math.min(READ_SIZE, data.length - i));
        }
        return new long[] {decoder.stats().frames(), groups[0], decoder.stats().checksumErrors()};
    }
}
