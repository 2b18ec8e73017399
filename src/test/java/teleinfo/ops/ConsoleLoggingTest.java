package teleinfo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;

/** The layout in code prints exactly what logback.xml's pattern printed. */
class ConsoleLoggingTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void sameLinesAsThePattern() {
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(ConsoleLogging.PATTERN);
        pattern.start();
        ConsoleLogging.Layout layout = new ConsoleLogging.Layout();
        layout.setContext(context);
        layout.start();

        Exception cause = new IllegalStateException("port gone");
        Exception failure = new UncheckedIOException("cannot read /dev/ttyAMA0", new IOException("I/O error", cause));
        String[] loggers = {"org.apache.camel.impl.engine.AbstractCamelContext", "teleinfo.collector.SpoolUploader",
            "teleinfo.component.TicConsumer", "Main", "a.b", "org.apache.camel.main.MainSupport",
            "very.long.package.name.that.goes.on.AndAClassNameLongerThanTwentyFourCharacters", ""};
        long[] times = {0L, 1_764_450_540_123L, 1_774_746_000_999L, 1_792_889_999_001L};
        for (String name : loggers) {
            Logger logger = context.getLogger(name.isEmpty() ? Logger.ROOT_LOGGER_NAME : name);
            for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
                for (long time : times) {
                    for (Throwable t : new Throwable[] {null, failure}) {
                        LoggingEvent event = new LoggingEvent("fqcn", logger, level, "reading {} spooled: {}", t,
                                new Object[] {"20261129T2109Z-021861348497.json", 42});
                        event.setTimeStamp(time);
                        event.setThreadName("Camel (camel-1) thread #3 - tic-reader /dev/ttyAMA0");
                        assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
                    }
                }
            }
        }
    }
}
