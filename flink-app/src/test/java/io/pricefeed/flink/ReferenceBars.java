package io.pricefeed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * DESIGN.md §4 written out again, independently of the job's classes and as plainly as possible,
 * to check the job's output against: one symbol's ticks of one day in, its bars of every
 * timeframe out. Only what the end-to-end scripts exercise (mid-session start, no gap filling).
 */
final class ReferenceBars {
    /** A bar as the lake holds it; vwap compared with a tolerance by the tests. */
    static final class Row {
        final String symbol;
        final String timeframe;
        final long start;
        final long end;
        final double open;
        final double high;
        final double low;
        final double close;
        final double vwap;
        final long volume;
        final long tickCount;

        Row(String symbol, String timeframe, long start, long end, double open, double high, double low,
            double close, double vwap, long volume, long tickCount) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            this.start = start;
            this.end = end;
            this.open = open;
            this.high = high;
            this.low = low;
            this.close = close;
            this.vwap = vwap;
            this.volume = volume;
            this.tickCount = tickCount;
        }

        String key() {
            return symbol + "|" + timeframe + "|" + start;
        }

        @Override
        public String toString() {
            return key() + " o=" + open + " h=" + high + " l=" + low + " c=" + close + " vwap=" + vwap
                    + " v=" + volume + " n=" + tickCount;
        }
    }

    private ReferenceBars() {
    }

    /** The same bars (keys, prices, volumes, counts; vwap within 1e-6 relative), as the end-to-end tests compare them. */
    static void assertSame(Map<String, ReferenceBars.Row> actual, Map<String, ReferenceBars.Row> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (ReferenceBars.Row e : expected.values()) {
            ReferenceBars.Row a = actual.get(e.key());
            assertThat(new double[] {a.open, a.high, a.low, a.close}).as(e.key())
                    .containsExactly(e.open, e.high, e.low, e.close);
            assertThat(new long[] {a.end, a.volume, a.tickCount}).as(e.key()).containsExactly(e.end, e.volume, e.tickCount);
            assertThat(a.vwap).as(e.key() + " vwap").isCloseTo(e.vwap, org.assertj.core.data.Offset.offset(1e-6 * e.vwap));
        }
    }

    /** Every bar of every symbol and timeframe, keyed by {@link Row#key()}. */
    static Map<String, Row> of(List<Tick> ticks) {
        Map<String, Row> rows = new TreeMap<>();
        Map<String, List<Tick>> bySymbol = ticks.stream()
                .collect(Collectors.groupingBy(Tick::getSymbol, TreeMap::new, Collectors.toList()));
        for (List<Tick> symbolTicks : bySymbol.values()) {
            List<Row> minutes = minuteBars(symbolTicks);
            minutes.forEach(r -> rows.put(r.key(), r));
            for (Timeframe tf : List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1)) {
                rollup(minutes, tf).forEach(r -> rows.put(r.key(), r));
            }
        }
        return rows;
    }

    private static List<Row> minuteBars(List<Tick> raw) {
        // De-duplicate by ts, keep event-time order.
        Map<Long, Tick> unique = new TreeMap<>();
        raw.forEach(t -> unique.putIfAbsent(t.getTs(), t));
        List<Tick> ticks = new ArrayList<>(unique.values());
        Tick first = ticks.get(0);
        LocalDate day = TradingCalendar.tradeDate(first.getTs());
        long nineSixteen = day.atTime(9, 16).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        if (first.getTs() < nineSixteen) {
            throw new IllegalArgumentException("the reference covers a mid-session start only");
        }
        Map<Long, List<Tick>> byMinute = new LinkedHashMap<>();
        for (Tick t : ticks) {
            byMinute.computeIfAbsent(t.getTs() - Math.floorMod(t.getTs(), 60_000L), k -> new ArrayList<>()).add(t);
        }
        List<Row> bars = new ArrayList<>();
        Tick previous = null; // the last tick before the current bar
        for (Map.Entry<Long, List<Tick>> minute : byMinute.entrySet()) {
            List<Tick> in = minute.getValue();
            Tick base = previous == null ? first : previous;
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            Tick before = previous;
            for (Tick t : in) {
                high = Math.max(high, t.getLtp());
                low = Math.min(low, t.getLtp());
                if (before != null && t.getDayHigh() > before.getDayHigh()) {
                    high = Math.max(high, t.getDayHigh());
                }
                if (before != null && t.getDayLow() < before.getDayLow()) {
                    low = Math.min(low, t.getDayLow());
                }
                before = t;
            }
            Tick last = in.get(in.size() - 1);
            long volume = last.getCumVolume() - base.getCumVolume();
            double vwap = volume == 0 ? last.getLtp()
                    : (last.getAtp() * last.getCumVolume() - base.getAtp() * base.getCumVolume()) / volume;
            bars.add(new Row(first.getSymbol(), "1m", minute.getKey(), minute.getKey() + 60_000,
                    in.get(0).getLtp(), high, low, last.getLtp(), vwap, volume, in.size()));
            previous = last;
        }
        return bars;
    }

    private static List<Row> rollup(List<Row> minutes, Timeframe tf) {
        Map<Long, List<Row>> buckets = new LinkedHashMap<>();
        for (Row m : minutes) {
            buckets.computeIfAbsent(bucketStart(tf, m.start), k -> new ArrayList<>()).add(m);
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> b : buckets.entrySet()) {
            List<Row> in = b.getValue();
            long volume = in.stream().mapToLong(r -> r.volume).sum();
            double turnover = in.stream().mapToDouble(r -> r.vwap * r.volume).sum();
            Row last = in.get(in.size() - 1);
            out.add(new Row(last.symbol, tf.label(), b.getKey(), bucketEnd(tf, b.getKey()),
                    in.get(0).open,
                    in.stream().mapToDouble(r -> r.high).max().orElseThrow(),
                    in.stream().mapToDouble(r -> r.low).min().orElseThrow(),
                    last.close, volume == 0 ? last.close : turnover / volume, volume,
                    in.stream().mapToLong(r -> r.tickCount).sum()));
        }
        return out;
    }

    /** Buckets counted from 09:15 IST in whole timeframes; 1h's last one and 1d end at 15:30. */
    private static long bucketStart(Timeframe tf, long ts) {
        LocalDateTime ist = LocalDateTime.ofInstant(Instant.ofEpochMilli(ts), TradingCalendar.IST);
        long open = ist.toLocalDate().atTime(9, 15).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        if (tf == Timeframe.D1) {
            return open;
        }
        long size = minutesOf(tf) * 60_000L;
        return open + (ts - open) / size * size;
    }

    private static long bucketEnd(Timeframe tf, long start) {
        long close = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.ofHoursMinutes(5, 30))
                .toLocalDate().atTime(15, 30).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        return tf == Timeframe.D1 ? close : Math.min(close, start + minutesOf(tf) * 60_000L);
    }

    private static int minutesOf(Timeframe tf) {
        switch (tf) {
            case M5: return 5;
            case M15: return 15;
            case H1: return 60;
            default: throw new IllegalArgumentException(tf.toString());
        }
    }
}
