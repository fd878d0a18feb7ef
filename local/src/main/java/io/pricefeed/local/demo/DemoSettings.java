package io.pricefeed.local.demo;

import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * Everything a demo run is made of: the simulated session (symbols, start, speed, length), the
 * fixed local ports and where its files go. Validated once, here, so a bad flag is named before
 * anything starts.
 *
 * @param symbols       the symbols fyers-sim quotes and the producer polls
 * @param start         the simulated start instant
 * @param speed         simulated seconds per real second
 * @param minutes       simulated minutes to run, or {@code null} for "until the session closes"
 * @param dataDir       lake, logs, mail, state and the generated configurations go under it
 * @param faults        fyers-sim injects server errors, HTML pages, truncated and slow replies
 * @param keepRunning   leave kinesalite and DynamoDB Local up after the session
 * @param kinesisPort   kinesalite's port
 * @param dynamoPort    DynamoDB Local's port
 * @param dashboardPort the dashboard's port (on 127.0.0.1)
 * @param tickShards    shards of the {@code ticks} stream
 * @param parallelism   Flink job parallelism
 * @param seed          the simulated market's seed
 */
public record DemoSettings(List<String> symbols, Instant start, double speed, Integer minutes, Path dataDir,
                           boolean faults, boolean keepRunning, int kinesisPort, int dynamoPort,
                           int dashboardPort, int tickShards, int parallelism, long seed) {
    /** A minute before the open, so the opening gaps are seen. */
    public static final LocalTime DEFAULT_START_TIME = LocalTime.of(9, 14);
    /** The day simulated when the calendar does not cover today's year. */
    static final LocalDate FALLBACK_DAY = LocalDate.of(2026, 3, 10);
    public static final double DEFAULT_SPEED = 60;
    public static final int DEFAULT_SYMBOLS = 50;
    public static final int DEFAULT_TICK_SHARDS = 8;
    public static final long DEFAULT_SEED = 42;
    /** Fyers allows 10 calls a second; the demo keeps to that in real time, whatever the speed. */
    static final double REAL_CALLS_PER_SECOND = 10;
    static final int FYERS_CALLS_PER_MINUTE = 200;
    private static final LocalTime CLOSE = LocalTime.of(15, 30);

    /**
     * The last NSE session before today (IST): wholly in the past, because the job rejects ticks
     * stamped in the future (an accelerated today would soon run ahead of the wall clock), and
     * recent, because DynamoDB Local deletes items whose TTL has passed (1m bars 30 days, 5m 90
     * days; DESIGN.md §5), which an old day's bars would already have.
     */
    public static Instant defaultStart(TradingCalendar calendar, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(TradingCalendar.IST));
        LocalDate day = FALLBACK_DAY;
        if (calendar.coversYear(today.getYear()) && calendar.coversYear(today.getYear() - 1)) {
            day = calendar.previousTradingDay(today);
        }
        return day.atTime(DEFAULT_START_TIME).atZone(TradingCalendar.IST).toInstant();
    }

    public DemoSettings {
        Objects.requireNonNull(symbols, "symbols");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(dataDir, "dataDir");
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("--symbols: the demo needs at least one symbol");
        }
        if (!(speed >= 1 && speed <= 600)) {
            throw new IllegalArgumentException("--speed must be between 1 and 600 (simulated seconds per second), got " + speed);
        }
        if (minutes != null && minutes < 1) {
            throw new IllegalArgumentException("--minutes must be at least 1, got " + minutes);
        }
        if (tickShards < 1 || parallelism < 1) {
            throw new IllegalArgumentException("shards and parallelism must be at least 1");
        }
    }

    /** When the simulated session ends: after {@code minutes}, or at the day's 15:30 close. */
    public Instant end() {
        Instant close = start.atZone(TradingCalendar.IST).toLocalDate().atTime(CLOSE).atZone(TradingCalendar.IST).toInstant();
        if (minutes != null) {
            return start.plus(Duration.ofMinutes(minutes));
        }
        return close.isAfter(start) ? close : start.plus(Duration.ofHours(1));
    }

    /**
     * The producer's calls per simulated minute: the real 10 calls a second spread over the
     * accelerated clock, at most Fyers' 200 a minute. At 60x that is 10 a simulated minute,
     * i.e. each symbol of a 50-symbol call is quoted every 6 simulated seconds.
     */
    public int callsPerSimulatedMinute() {
        return (int) Math.max(1, Math.min(FYERS_CALLS_PER_MINUTE, Math.floor(REAL_CALLS_PER_SECOND * 60 / speed)));
    }

    /** Heartbeats about five times a real second per shard: often enough for the watermark, light on Kinesis. */
    public Duration heartbeatInterval() {
        return Duration.ofMillis(Math.max(1_000, Math.round(speed * 200)));
    }

    public Path lakeDir() {
        return dataDir.resolve("lake");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path mailDir() {
        return dataDir.resolve("mail");
    }

    /** The run's own files: generated configurations, token file, Flink checkpoints. */
    public Path runDir() {
        return dataDir.resolve("demo");
    }
}
