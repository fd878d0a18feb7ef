package io.pricefeed.bench.flink;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One tick per symbol per second from 09:15 IST for a chosen set of symbols ({@code NSE:SYM<i>-EQ}),
 * second by second, as the producer sees them ({@link BarPipelineBench.SymbolWalk}). Each symbol draws
 * from its own {@link Random} seeded from the seed and its index, so a symbol's ticks are the same
 * whichever other symbols are generated beside it, on whichever thread.
 */
public final class SessionTickGenerator {
    private final long open;
    private final List<Clock> symbols = new ArrayList<>();

    /** The symbols {@code first}, {@code first + step}, ... below {@code count}. */
    public SessionTickGenerator(LocalDate day, long seed, int first, int step, int count) {
        this.open = day.atTime(LocalTime.of(9, 15)).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        for (int s = first; s < count; s += step) {
            Random random = new Random(seed * 1_000_003L + s);
            symbols.add(new Clock(new BarPipelineBench.SymbolWalk(String.format(Locale.ROOT, "NSE:SYM%04d-EQ", s), random), random));
        }
        symbols.sort(Comparator.comparingInt(c -> c.walk.offsetMs));
    }

    /** 09:15 IST of the day, epoch millis. */
    public long open() {
        return open;
    }

    public int symbols() {
        return symbols.size();
    }

    /**
     * The ticks of second {@code second} after 09:15, in ts order of the symbols' offsets. Call it for
     * consecutive seconds: every symbol's price and volume walk on from its previous tick.
     */
    public void second(int second, Consumer<Tick> sink) {
        long base = open + second * 1000L;
        for (Clock c : symbols) {
            // offset 0-899 ms plus 0-99 ms of jitter: always inside the second, so a symbol's ticks are in ts order.
            sink.accept(c.walk.next(base + c.walk.offsetMs + c.random.nextInt(100), c.random));
        }
    }

    private record Clock(BarPipelineBench.SymbolWalk walk, Random random) {
    }
}
