package io.pricefeed.flink;

import io.pricefeed.fixtures.QuoteWalk;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stretch of a trading session for end-to-end tests: ticks as the producer would
 * send them (receive-time stamps, 0.05 price steps, rising cumulative volume, a consistent
 * {@code atp}, a day high/low that sometimes moves beyond the observed prices, the occasional
 * duplicate), one symbol that stops trading halfway, two planted anomalies (SYM01 trades 8% above
 * its previous close: PRICE_MOVE 5% and 7.5%; SYM02 has a volume burst in minute 25: VOLUME_SURGE),
 * and the heartbeats that keep the watermark moving until 5 minutes after the stretch ends.
 *
 * <p>Each symbol's quotes are a {@link QuoteWalk} (test-fixtures), the same walk bench's
 * generators drive; this class sets the cadence, the silence and the planted anomalies.
 * {@code SessionScriptTest} pins the generated scripts the ITCases run.
 */
final class SessionScript {
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    final List<String> symbols;
    final long from;
    final long to;
    /** Every tick sent, duplicates included, in ts order. */
    final List<Tick> ticks;
    /** The symbol that goes silent at {@link #silentFrom}; null when none does. */
    final String quitter;
    final long silentFrom;

    private SessionScript(List<String> symbols, long from, long to, List<Tick> ticks, String quitter, long silentFrom) {
        this.symbols = symbols;
        this.from = from;
        this.to = to;
        this.ticks = ticks;
        this.quitter = quitter;
        this.silentFrom = silentFrom;
    }

    /**
     * A script of ticks built elsewhere (by {@link PlantedAnomalySession}, say), from {@code from} to
     * {@code to}, in which no symbol goes silent ({@link #quitter} null).
     */
    static SessionScript of(List<String> symbols, long from, long to, List<Tick> ticks) {
        List<Tick> sorted = new ArrayList<>(ticks);
        sorted.sort(Comparator.comparingLong(Tick::getTs).thenComparing(Tick::getSymbol));
        return new SessionScript(List.copyOf(symbols), from, to, List.copyOf(sorted), null, Long.MAX_VALUE);
    }

    /** {@code symbols} symbols trading from {@code start} to {@code end} IST on {@link #DAY}, every 2 to 18 s. */
    static SessionScript generate(long seed, int symbolCount, LocalTime start, LocalTime end) {
        Random random = new Random(seed);
        long from = DAY.atTime(start).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        long to = DAY.atTime(end).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        long silentFrom = from + (to - from) / 2;
        List<String> symbols = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int s = 0; s < symbolCount; s++) {
            String symbol = String.format("NSE:SYM%02d-EQ", s);
            symbols.add(symbol);
            long last = s == 0 ? silentFrom : to;
            generateSymbol(random, symbol, from + random.nextInt(1000), last, s == 1, s == 2 ? from + 25 * 60_000 : -1, ticks);
        }
        ticks.sort(Comparator.comparingLong(Tick::getTs).thenComparing(Tick::getSymbol));
        return new SessionScript(symbols, from, to, List.copyOf(ticks), symbols.get(0), silentFrom);
    }

    /**
     * One symbol's quotes from {@code firstTs} to before {@code lastTs}, every 2 to 18 s, one in 50
     * sent twice; {@code upEightPct}: trading 8% above its previous close; {@code burstMinute} (if
     * positive): the minute of a volume burst.
     */
    private static void generateSymbol(Random random, String symbol, long firstTs, long lastTs, boolean upEightPct,
                                       long burstMinute, List<Tick> out) {
        QuoteWalk walk = upEightPct ? QuoteWalk.openAbovePrevClose(symbol, 1.08, random) : QuoteWalk.open(symbol, random);
        for (long ts = firstTs; ts < lastTs; ts += 2_000 + random.nextInt(16_000)) {
            boolean burst = burstMinute > 0 && ts >= burstMinute && ts < burstMinute + 60_000; // VOLUME_SURGE
            Tick tick = walk.next(ts, random, burst);
            out.add(tick);
            if (random.nextInt(50) == 0) {
                out.add(tick); // a redelivered record: must count once
            }
        }
    }

    /**
     * Heartbeats from the start to 5 minutes after the end, as the producer keeps sending. The
     * producer sends one a second; a test may space them out when the second-by-second cadence
     * is not what it checks.
     */
    List<Heartbeat> heartbeats(long everyMillis) {
        List<Heartbeat> heartbeats = new ArrayList<>();
        for (long ts = from; ts <= to + 5 * 60_000; ts += everyMillis) {
            heartbeats.add(new Heartbeat(ts, "script"));
        }
        return heartbeats;
    }
}
