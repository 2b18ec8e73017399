package teleinfo.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

/**
 * A meter's TIC line. The port is a device path ({@code /dev/ttyAMA0}, {@code /dev/ttyUSB0}, a pseudo-terminal), or
 * the name of a {@link TicLine} bean in the registry (the simulator, a capture played back), whose own settings are
 * not options of this endpoint.
 */
@UriEndpoint(firstVersion = "1.0.0", scheme = "tic", title = "TIC", syntax = "tic:port", consumerOnly = true,
        category = {Category.IOT})
public class TicEndpoint extends DefaultEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TicEndpoint.class);
    @UriPath(description = "Device path, or the name of a TicLine bean (e.g. simulator)")
    @Metadata(required = true)
    private String port;
    @UriParam(defaultValue = "auto", enums = "auto,historic,standard",
            description = "auto tries one speed, and the other when no valid group arrives for autoSwitchAfter")
    private String mode = "auto";
    @UriParam(defaultValue = "historic", enums = "historic,standard",
            description = "Mode auto starts with, unless stateFile remembers the last one that worked")
    private String autoInitialMode = "historic";
    @UriParam(defaultValue = "10000", javaType = "java.time.Duration")
    private long autoSwitchAfter = 10_000;
    @UriParam(defaultValue = "false", description = "Also take groups ended by LF (CR LF, or a CR turned into LF) and "
            + "frames ended by the next STX when the ETX is lost, as a tty in cooked mode delivers them; every group "
            + "still needs its checksum and format right")
    private boolean lenient;
    @UriParam(description = "File where mode auto remembers the mode that worked, across restarts")
    private String stateFile;
    @UriParam(defaultValue = "1000", javaType = "java.time.Duration", description = "First delay before reopening")
    private long reopenDelay = 1_000;
    @UriParam(defaultValue = "30000", javaType = "java.time.Duration", description = "Cap of the reopen back-off")
    private long maxReopenDelay = 30_000;
    /**
     * A meter sends frames back to back, each complete one 0.2 to about 3 s after the previous (a three-phase
     * historic frame of ~350 characters at 1200 baud): 8 s is one lost frame of the longest kind with room to spare,
     * and health says DOWN within 10 s of a line going silent.
     */
    @UriParam(defaultValue = "8000", javaType = "java.time.Duration",
            description = "Health is DOWN when no valid frame arrived for this long; a silent port is reopened")
    private long noFrameTimeout = 8_000;
    private volatile TicMode lastWorkingMode;

    public TicEndpoint(String uri, TicComponent component, String port) {
        super(uri, component);
        this.port = port;
    }

    void validate() {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("tic: needs a port");
        }
        if (!mode.equals("auto") && TicMode.parseOrNull(mode) == null) {
            throw new IllegalArgumentException("tic: mode must be auto, historic or standard, not '" + mode + "'");
        }
        if (TicMode.parseOrNull(autoInitialMode) == null) {
            throw new IllegalArgumentException("tic: autoInitialMode must be historic or standard");
        }
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("tic: is a consumer only");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        TicConsumer consumer = new TicConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The forced mode, or null in auto mode. */
    TicMode forcedMode() {
        return TicMode.parseOrNull(mode);
    }

    /** The mode auto mode tries first: the last that worked (in memory, else in stateFile), else autoInitialMode. */
    TicMode firstMode() {
        if (forcedMode() != null) {
            return forcedMode();
        }
        if (lastWorkingMode != null) {
            return lastWorkingMode;
        }
        if (stateFile != null) {
            try {
                TicMode saved = TicMode.parseOrNull(Files.readString(Path.of(stateFile), StandardCharsets.US_ASCII));
                if (saved != null) {
                    return saved;
                }
            } catch (IOException e) {
                // nothing remembered yet
            }
        }
        return TicMode.parseOrNull(autoInitialMode);
    }

    void rememberWorkingMode(TicMode working) {
        if (working == lastWorkingMode) {
            return;
        }
        lastWorkingMode = working;
        if (stateFile != null) {
            try {
                Files.writeString(Path.of(stateFile), working.jsonName() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                LOG.warn("cannot remember the TIC mode in {}: {}", stateFile, e.getMessage());
            }
        }
    }

    /** The TicLine bean the port names, or null for a device path. */
    TicLine line() {
        return port.startsWith("/") ? null : getCamelContext().getRegistry().lookupByNameAndType(port, TicLine.class);
    }

    boolean isLivePort() {
        return line() == null;
    }

    /** A new decoder for the mode being tried: a TicLine is decoded in auto unless a mode is forced. */
    TicFrameDecoder newDecoder(TicMode trying, teleinfo.protocol.FrameListener listener) {
        return new TicFrameDecoder(isLivePort() ? trying : forcedMode(), lenient, listener);
    }

    TicSource open(TicMode trying) throws IOException {
        TicLine line = line();
        return line != null ? line.open() : new SerialSource(port, trying);
    }

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isLenient() {
        return lenient;
    }

    public void setLenient(boolean lenient) {
        this.lenient = lenient;
    }

    public String getAutoInitialMode() {
        return autoInitialMode;
    }

    public void setAutoInitialMode(String autoInitialMode) {
        this.autoInitialMode = autoInitialMode;
    }

    public long getAutoSwitchAfter() {
        return autoSwitchAfter;
    }

    public void setAutoSwitchAfter(long autoSwitchAfter) {
        this.autoSwitchAfter = autoSwitchAfter;
    }

    public String getStateFile() {
        return stateFile;
    }

    public void setStateFile(String stateFile) {
        this.stateFile = stateFile;
    }

    public long getReopenDelay() {
        return reopenDelay;
    }

    public void setReopenDelay(long reopenDelay) {
        this.reopenDelay = reopenDelay;
    }

    public long getMaxReopenDelay() {
        return maxReopenDelay;
    }

    public void setMaxReopenDelay(long maxReopenDelay) {
        this.maxReopenDelay = maxReopenDelay;
    }

    public long getNoFrameTimeout() {
        return noFrameTimeout;
    }

    public void setNoFrameTimeout(long noFrameTimeout) {
        this.noFrameTimeout = noFrameTimeout;
    }
}
