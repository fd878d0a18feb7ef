package io.pricefeed.standins;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event of the JVM while open, with its formatted message and stack trace, and our own
 * loggers turned up to DEBUG so nothing that would be logged in a verbose run escapes the check.
 *
 * <p>Log4j 2 is what every module's tests log through; it is a {@code provided} dependency here so
 * the stand-ins do not impose it on the local stack's runtime classpath.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Capture appender = new Capture();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousLevel;

    public CapturedLogs() {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        LoggerConfig ours = config.getLoggerConfig("io.pricefeed");
        previousLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG); // its events reach the root's appenders, ours included
        context.updateLoggers();
    }

    /** Every captured line: level, logger, message and any stack trace. */
    public List<String> lines() {
        synchronized (CapturedLogs.class) {
            return List.copyOf(appender.lines);
        }
    }

    public String all() {
        return String.join("\n", lines());
    }

    /**
     * The captured lines that contain any of {@code secrets} (blank ones ignored) as a whole word: not
     * run into letters or digits on either side. What a test asserts empty to show that no token, key
     * or PIN reached a log. Whole words, because a 4-digit PIN is bound to turn up inside some longer
     * number, such as a temporary folder's name (CI saw it); a leaked secret stands beside a quote,
     * a space, '=' or ':'.
     */
    public List<String> linesContainingAny(Collection<String> secrets) {
        List<Pattern> needles = secrets.stream().filter(s -> s != null && !s.isBlank())
                .map(s -> Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(s) + "(?![A-Za-z0-9])"))
                .collect(Collectors.toList());
        return lines().stream().filter(line -> needles.stream().anyMatch(p -> p.matcher(line).find()))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getLoggerConfig("io.pricefeed").setLevel(previousLevel);
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    private static final class Capture extends AbstractAppender {
        private final List<String> lines = new ArrayList<>();

        Capture() {
            super("captured-logs-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (CapturedLogs.class) {
                lines.add(line.toString());
            }
        }
    }
}
