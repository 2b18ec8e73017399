package teleinfo.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import teleinfo.protocol.TicMode;

/** A serial port opened raw, 7 data bits, even parity, 1 stop bit, at the speed of the mode. */
final class SerialSource implements TicSource {
    private static final int READ_TIMEOUT_MS = 500;
    private final SerialPort port;

    SerialSource(String path, TicMode mode) throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new NoSuchFileException(path);
        }
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("invalid port " + path + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(mode.baudRate(), 7, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int read(byte[] buf) {
        int n = port.readBytes(buf, buf.length);
        if (n < 0 || (n == 0 && !port.isOpen())) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            buf[i] &= 0x7F;
        }
        return n;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public boolean reopenWhenSilent() {
        return true;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
