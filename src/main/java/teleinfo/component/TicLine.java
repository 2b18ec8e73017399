package teleinfo.component;

import java.io.IOException;

/**
 * A TIC line that is not a serial device, such as the simulator or a capture played back: a bean bound in the
 * registry under the name a {@code tic:} endpoint gives as its port ({@code tic:simulator}). The endpoint decodes it
 * in auto mode unless a mode is forced, never switches its speed and never reopens it for silence. What it needs
 * (speed, file, meter) is its own business, not an option of the production endpoint.
 */
public interface TicLine {
    TicSource open() throws IOException;

    /** For the log line "TIC port ... opened (...)". */
    String describe();
}
