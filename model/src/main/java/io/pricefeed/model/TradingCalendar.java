package io.pricefeed.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The NSE equity trading calendar in Asia/Kolkata: trading days, the 09:15-15:30 session,
 * and the bar bucket of every session instant for each {@link Timeframe} (DESIGN.md §4).
 *
 * <p>Asia/Kolkata has been a fixed UTC+05:30 since 1945 (no daylight saving), so instants are
 * mapped to IST dates and times with plain arithmetic instead of {@code ZonedDateTime}: this
 * class sits on the per-tick path of the Flink job and allocates nothing there.
 *
 * <p>Holidays come from a resource file ({@code date,occasion} lines); {@link #nse()} loads the
 * bundled one. A date in a year the file does not cover is a trading day on every weekday;
 * {@link #coversYear(int)} lets callers warn about that.
 */
public final class TradingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final LocalTime SESSION_OPEN = LocalTime.of(9, 15);
    public static final LocalTime SESSION_CLOSE = LocalTime.of(15, 30);
    public static final String DEFAULT_HOLIDAYS_RESOURCE = "/io/pricefeed/model/nse-holidays.csv";

    static final long DAY_MS = 86_400_000L;
    static final long IST_OFFSET_MS = 19_800_000L; // +05:30
    static final long OPEN_MS_OF_DAY = SESSION_OPEN.toSecondOfDay() * 1000L;
    static final long CLOSE_MS_OF_DAY = SESSION_CLOSE.toSecondOfDay() * 1000L;

    private static final DateTimeFormatter IST_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'IST'").withZone(IST);
    private static final DateTimeFormatter IST_ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(IST);
    private static volatile TradingCalendar defaultNse;

    /** Holiday epoch-days, sorted, for an allocation-free binary search. */
    private final long[] holidayEpochDays;
    private final int[] coveredYears;

    private TradingCalendar(Collection<LocalDate> holidays) {
        SortedSet<Long> days = new TreeSet<>();
        SortedSet<Integer> years = new TreeSet<>();
        for (LocalDate d : holidays) {
            days.add(d.toEpochDay());
            years.add(d.getYear());
        }
        this.holidayEpochDays = days.stream().mapToLong(Long::longValue).toArray();
        this.coveredYears = years.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The NSE calendar with the bundled holiday list (loaded once). */
    public static TradingCalendar nse() {
        TradingCalendar cal = defaultNse;
        if (cal == null) {
            try (InputStream in = TradingCalendar.class.getResourceAsStream(DEFAULT_HOLIDAYS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("holiday resource " + DEFAULT_HOLIDAYS_RESOURCE + " is missing");
                }
                cal = load(in, DEFAULT_HOLIDAYS_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaultNse = cal;
        }
        return cal;
    }

    public static TradingCalendar withHolidays(Collection<LocalDate> holidays) {
        return new TradingCalendar(holidays);
    }

    /**
     * Reads a holiday file: one {@code yyyy-MM-dd[,occasion]} per line; blank lines and lines
     * starting with {@code #} are ignored. A bad line fails with its number and content.
     */
    public static TradingCalendar load(InputStream in, String sourceName) throws IOException {
        List<LocalDate> holidays = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int comma = trimmed.indexOf(',');
            String date = comma < 0 ? trimmed : trimmed.substring(0, comma).trim();
            try {
                holidays.add(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo
                        + ": expected yyyy-MM-dd[,occasion] but found '" + trimmed + "'", e);
            }
        }
        return new TradingCalendar(holidays);
    }

    // ---- days -------------------------------------------------------------------------------

    public boolean isTradingDay(LocalDate date) {
        return isTradingEpochDay(date.toEpochDay());
    }

    public boolean isHoliday(LocalDate date) {
        return Arrays.binarySearch(holidayEpochDays, date.toEpochDay()) >= 0;
    }

    public boolean coversYear(int year) {
        return Arrays.binarySearch(coveredYears, year) >= 0;
    }

    public List<Integer> coveredYears() {
        List<Integer> years = new ArrayList<>();
        for (int y : coveredYears) {
            years.add(y);
        }
        return Collections.unmodifiableList(years);
    }

    /** The first trading day strictly after {@code date}. */
    public LocalDate nextTradingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isTradingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The last trading day strictly before {@code date}. */
    public LocalDate previousTradingDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isTradingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** Trading days in [from, to], both inclusive. */
    public List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    private boolean isTradingEpochDay(long epochDay) {
        // 1970-01-01 was a Thursday: (epochDay + 3) mod 7 gives 0 = Monday ... 6 = Sunday.
        int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L);
        if (dayOfWeek >= DayOfWeek.SATURDAY.getValue() - 1) {
            return false;
        }
        return Arrays.binarySearch(holidayEpochDays, epochDay) < 0;
    }

    // ---- instants ---------------------------------------------------------------------------

    /** The IST calendar date of an instant (the lake's {@code trade_date}). */
    public static LocalDate tradeDate(long epochMillis) {
        return LocalDate.ofEpochDay(istEpochDay(epochMillis));
    }

    /** True when the instant is in [09:15, 15:30) IST on a trading day: a session tick. */
    public boolean isSessionTime(long epochMillis) {
        long msOfDay = Math.floorMod(epochMillis + IST_OFFSET_MS, DAY_MS);
        return msOfDay >= OPEN_MS_OF_DAY && msOfDay < CLOSE_MS_OF_DAY
                && isTradingEpochDay(istEpochDay(epochMillis));
    }

    /** 09:15 IST of {@code date} in epoch millis (whether or not it is a trading day). */
    public static long sessionOpen(LocalDate date) {
        return date.toEpochDay() * DAY_MS - IST_OFFSET_MS + OPEN_MS_OF_DAY;
    }

    /** 15:30 IST of {@code date} in epoch millis. */
    public static long sessionClose(LocalDate date) {
        return date.toEpochDay() * DAY_MS - IST_OFFSET_MS + CLOSE_MS_OF_DAY;
    }

    /**
     * The start of the bar that contains a session instant. Bars exist only for session
     * ticks, so any other instant is a caller error.
     *
     * @throws IllegalArgumentException when {@code epochMillis} is not a session time
     */
    public long bucketStart(Timeframe timeframe, long epochMillis) {
        if (!isSessionTime(epochMillis)) {
            throw new IllegalArgumentException("not a session time: " + formatIst(epochMillis));
        }
        long open = istEpochDay(epochMillis) * DAY_MS - IST_OFFSET_MS + OPEN_MS_OF_DAY;
        if (timeframe == Timeframe.D1) {
            return open;
        }
        long length = timeframe.nominalMillis();
        return open + (epochMillis - open) / length * length;
    }

    /**
     * The end (exclusive) of the bar starting at {@code bucketStart}: the nominal length, cut
     * at 15:30 (so the last {@code 1h} bar is 15:15-15:30 and a {@code 1d} bar ends at 15:30).
     */
    public static long bucketEnd(Timeframe timeframe, long bucketStart) {
        long close = istEpochDay(bucketStart) * DAY_MS - IST_OFFSET_MS + CLOSE_MS_OF_DAY;
        if (timeframe == Timeframe.D1) {
            return close;
        }
        return Math.min(bucketStart + timeframe.nominalMillis(), close);
    }

    /** The bar interval that contains a session instant. */
    public Bucket bucket(Timeframe timeframe, long epochMillis) {
        long start = bucketStart(timeframe, epochMillis);
        return new Bucket(start, bucketEnd(timeframe, start));
    }

    /** Number of {@code timeframe} bars in one full session (375 for 1m, 7 for 1h, 1 for 1d). */
    public static int barsPerSession(Timeframe timeframe) {
        long session = CLOSE_MS_OF_DAY - OPEN_MS_OF_DAY;
        if (timeframe == Timeframe.D1) {
            return 1;
        }
        return (int) ((session + timeframe.nominalMillis() - 1) / timeframe.nominalMillis());
    }

    /** An instant as ISO-8601 with the +05:30 offset, NSE's own clock (the JSON APIs' time for people). */
    public static String isoIst(long epochMillis) {
        return IST_ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A human-readable IST time for logs, errors and emails. */
    public static String formatIst(long epochMillis) {
        return IST_FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    private static long istEpochDay(long epochMillis) {
        return Math.floorDiv(epochMillis + IST_OFFSET_MS, DAY_MS);
    }
}
