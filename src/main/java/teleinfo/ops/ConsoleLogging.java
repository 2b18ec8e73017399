package teleinfo.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging configuration of every role, in code rather than in a logback.xml: one console appender at INFO with
 * the layout of the pattern {@value #PATTERN}. Found by Logback through {@code META-INF/services}; Logback's XML
 * configurator (Joran) and its pattern parser load some 400 classes, 3 MB of the collector's 64 MB budget on the Pi.
 *
 * <p>An XML configuration still wins when one is given: {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} on the class path (the tests).
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** What {@link Layout} prints, as a Logback pattern (the one logback.xml used to configure). */
    public static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Layout layout = new Layout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
        // their INFO lines are about pool and server internals; warnings still show
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@link #PATTERN} without Logback's pattern machinery; the stack trace of an exception follows the line. */
    public static final class Layout extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);
        private final ThrowableProxyConverter throwable = new ThrowableProxyConverter();

        @Override
        public void start() {
            throwable.setContext(getContext());
            throwable.start();
            super.start();
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder sb = new StringBuilder(128);
            TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), sb);
            sb.append(' ');
            String level = event.getLevel().toString();
            sb.append(level);
            for (int i = level.length(); i < 5; i++) {
                sb.append(' ');
            }
            sb.append(" [").append(event.getThreadName()).append("] ");
            String logger = event.getLoggerName();
            sb.append(logger == null ? "" : abbreviator.abbreviate(logger));
            sb.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                sb.append(throwable.convert(event));
            }
            return sb.toString();
        }
    }
}
