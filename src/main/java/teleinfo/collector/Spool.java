package teleinfo.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

import teleinfo.reading.Reading;

/**
 * The local store of readings not yet accepted by the server: one JSON file per reading, named
 * {@code yyyyMMdd'T'HHmm'Z'-<meter>.json} so that name order is time order.
 *
 * <p>A file is written under a temporary name starting with a dot, forced to disk, then renamed (atomic on one file
 * system) and the directory forced: a reader sees either no file or a complete one, and a {@code kill -9} or power cut
 * leaves at most a temporary file, which the next start deletes. Readings the server refused (4xx) are moved to
 * {@code rejected/} next to a {@code .reason} file.
 */
public final class Spool {
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String SUFFIX = ".json";
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;
    private final Path rejectedDir;

    /** Creates the folders if needed and deletes what an interrupted write left behind. */
    public Spool(Path dir) {
        this.dir = dir;
        this.rejectedDir = dir.resolve("rejected");
        try {
            Files.createDirectories(rejectedDir);
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
                for (Path p : stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use spool directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path rejectedDir() {
        return rejectedDir;
    }

    public static String fileName(Reading r) {
        return NAME_TIME.format(r.time()) + "-" + r.meter() + SUFFIX;
    }

    /** Writes the reading durably; a reading with the same meter and minute replaces the earlier one. */
    public Path write(Reading reading) throws IOException {
        return writeAtomically(dir, fileName(reading), ReadingWriter.toJson(reading));
    }

    private static Path writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + name + "-" + System.nanoTime());
        Path target = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
        return target;
    }

    /** Makes the rename itself durable (Linux: fsync on the directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a directory; the rename is then as durable as they make it
        }
    }

    /**
     * The oldest {@code max} readings waiting, oldest first. Keeps only {@code max} names while it walks the
     * directory, so a month of backlog does not have to fit in a small heap.
     */
    /** The newest reading waiting, if any. */
    public java.util.Optional<Path> newest() throws IOException {
        String newest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[!.]*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (newest == null || name.compareTo(newest) > 0) {
                    newest = name;
                }
            }
        }
        return java.util.Optional.ofNullable(newest).map(dir::resolve);
    }

    public List<Path> oldest(int max) throws IOException {
        PriorityQueue<String> newestOnTop = new PriorityQueue<>(Comparator.reverseOrder());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[!.]*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (newestOnTop.size() < max) {
                    newestOnTop.add(name);
                } else if (name.compareTo(newestOnTop.peek()) < 0) {
                    newestOnTop.poll();
                    newestOnTop.add(name);
                }
            }
        }
        List<String> names = new ArrayList<>(newestOnTop);
        names.sort(null);
        List<Path> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(dir.resolve(name));
        }
        return out;
    }

    public int size() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[!.]*" + SUFFIX)) {
            for (Path ignored : files) {
                n++;
            }
        }
        return n;
    }

    /** The files as one JSON array, in the given order. A file that vanished meanwhile is skipped. */
    public byte[] jsonArray(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder(files.size() * 300).append('[');
        boolean first = true;
        for (Path p : files) {
            String content;
            try {
                content = Files.readString(p, StandardCharsets.UTF_8).trim();
            } catch (NoSuchFileException e) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            sb.append(content);
            first = false;
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    public void delete(Collection<Path> files) throws IOException {
        for (Path p : files) {
            Files.deleteIfExists(p);
        }
    }

    /** Moves the file to {@code rejected/} and writes the reason beside it. */
    public void reject(Path file, String reason) throws IOException {
        String name = file.getFileName().toString();
        writeAtomically(rejectedDir, name + ".reason", (reason + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(file, rejectedDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
