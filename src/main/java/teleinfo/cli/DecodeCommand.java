package teleinfo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import teleinfo.protocol.DecoderStats;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

/**
 * {@code decode [--mode auto|historic|standard] [--lenient] FILE|-}: one JSON object per complete frame on standard
 * output, the decoder's counters on standard error (they count the groups of the printed frames only).
 * {@code --lenient} also takes groups ended by LF and frames ended by the next STX (see {@link TicFrameDecoder}).
 */
public final class DecodeCommand {
    static final String USAGE = "usage: rpi-teleinfo decode [--mode auto|historic|standard] [--lenient] FILE|-";

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public DecodeCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        String modeText = "auto";
        String file = null;
        boolean lenient = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--mode")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--mode needs a value (auto, historic or standard)");
                }
                modeText = args[++i];
            } else if (a.startsWith("--mode=")) {
                modeText = a.substring("--mode=".length());
            } else if (a.equals("--lenient")) {
                lenient = true;
            } else if (a.startsWith("-") && !a.equals("-")) {
                throw new UsageException("unknown option '" + a + "'; " + USAGE);
            } else if (file == null) {
                file = a;
            } else {
                throw new UsageException("only one FILE is allowed; " + USAGE);
            }
        }
        if (file == null) {
            throw new UsageException("missing FILE; " + USAGE);
        }
        TicMode mode = TicMode.parseOrNull(modeText);
        if (mode == null && !modeText.equals("auto")) {
            throw new UsageException("unknown mode '" + modeText + "' (auto, historic or standard)");
        }
        // the writer buffers: the PrintStream of System.out flushes at every write
        FrameJsonWriter json = new FrameJsonWriter(out);
        TicFrameDecoder decoder = new TicFrameDecoder(mode, lenient, json::write);
        try (InputStream in = open(file)) {
            byte[] chunk = new byte[65536];
            int n;
            while ((n = in.read(chunk)) > 0) {
                decoder.feed(chunk, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read '" + file + "': no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read '" + file + "': " + e.getMessage());
        } finally {
            json.close();
        }
        DecoderStats s = decoder.stats();
        err.println("frames=" + s.frames() + " groups_accepted=" + s.groupsAccepted()
                + " unknown_groups=" + s.unknownGroups() + " checksum_errors=" + s.checksumErrors()
                + " format_errors=" + s.formatErrors() + " interrupted_frames=" + s.interruptedFrames());
        return 0;
    }

    private InputStream open(String file) throws IOException {
        if (file.equals("-")) {
            return stdin;
        }
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new UsageException("cannot read '" + file + "': is a directory");
        }
        return Files.newInputStream(p);
    }
}
