package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketModelTest {
    private static final TradingCalendar NSE = TradingCalendar.nse();
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10); // a Tuesday
    private static final LocalDate ANCHOR = LocalDate.of(2026, 3, 9);
    private static final SymbolUniverse NIFTY = SymbolUniverse.nifty50();
    private static final long OPEN = TradingCalendar.sessionOpen(DAY);
    private static final long CLOSE = TradingCalendar.sessionClose(DAY);

    private static MarketModel model(long seed) {
        return new MarketModel(seed, NIFTY, NSE, ANCHOR, MarketParameters.DEFAULTS);
    }

    private static long ist(String localDateTime) {
        return SimClock.ist(localDateTime).toEpochMilli();
    }

    @Test
    void everyPriceIsAMultipleOfTheTick() {
        MarketModel m = model(7);
        for (String symbol : NIFTY.names()) {
            for (long t = OPEN - 60_000; t <= CLOSE + 60_000; t += 13 * 60_000 + 7_000) {
                SimQuote q = m.quote(symbol, t);
                assertThat(List.of(q.lp(), q.open(), q.high(), q.low(), q.prevClose(), q.bid(), q.ask(), q.ch(), q.spread()))
                        .as("%s at %s", symbol, TradingCalendar.formatIst(t))
                        .allSatisfy(p -> assertThat(Ticks.isMultiple(p)).as("%s is on the 0.05 tick", p).isTrue());
            }
            for (Candle c : m.intradayCandles(symbol, 5, OPEN, CLOSE, CLOSE)) {
                assertThat(List.of(c.open(), c.high(), c.low(), c.close())).allSatisfy(p -> assertThat(Ticks.isMultiple(p)).isTrue());
            }
        }
    }

    @Test
    void cumulativeVolumeGrowsThroughTheSessionAndStopsAtTheClose() {
        MarketModel m = model(7);
        for (String symbol : NIFTY.names().subList(0, 10)) {
            long previous = 0;
            for (long t = OPEN; t < CLOSE; t += 10_000) {
                long volume = m.quote(symbol, t).volume();
                assertThat(volume).as("%s at %s", symbol, TradingCalendar.formatIst(t)).isGreaterThan(previous);
                previous = volume;
            }
            assertThat(m.quote(symbol, CLOSE + 3_600_000).volume()).isEqualTo(m.quote(symbol, CLOSE - 1).volume());
        }
    }

    @Test
    void dayHighAndLowBoundEveryPriceSeenAndAtpLiesBetweenThem() {
        MarketModel m = model(11);
        for (String symbol : NIFTY.names().subList(0, 10)) {
            double maxSeen = 0;
            double minSeen = Double.MAX_VALUE;
            double open = m.quote(symbol, OPEN).open();
            for (long t = OPEN; t < CLOSE; t += 5_000) {
                SimQuote q = m.quote(symbol, t);
                maxSeen = Math.max(maxSeen, q.lp());
                minSeen = Math.min(minSeen, q.lp());
                assertThat(q.high()).as("%s high at %s", symbol, TradingCalendar.formatIst(t)).isGreaterThanOrEqualTo(maxSeen);
                assertThat(q.low()).as("%s low", symbol).isLessThanOrEqualTo(minSeen);
                assertThat(q.atp()).as("%s atp", symbol).isBetween(q.low(), q.high());
                assertThat(q.open()).isEqualTo(open).isBetween(q.low(), q.high());
                assertThat(q.bid()).isLessThan(q.ask());
                assertThat(q.lp()).isBetween(q.bid(), q.ask());
            }
        }
    }

    @Test
    void volumeIsHeavierInTheFirstAndLastHalfHourThanAtMidday() {
        // Per symbol on a quiet market; in aggregate with the default bursts and jumps.
        MarketModel quiet = new MarketModel(3, NIFTY, NSE, ANCHOR, MarketParameters.DEFAULTS.quiet());
        MarketModel lively = model(3);
        long[] aggregate = new long[3];
        for (String symbol : NIFTY.names()) {
            long[] q = openMiddleClose(quiet, symbol);
            assertThat(q[0]).as("%s first 30 min vs 12:00-12:30", symbol).isGreaterThan(q[1]);
            assertThat(q[2]).as("%s last 30 min vs 12:00-12:30", symbol).isGreaterThan(q[1]);
            long[] l = openMiddleClose(lively, symbol);
            for (int i = 0; i < 3; i++) {
                aggregate[i] += l[i];
            }
        }
        assertThat(aggregate[0]).isGreaterThan(2 * aggregate[1]);
        assertThat(aggregate[2]).isGreaterThan(2 * aggregate[1]);
    }

    /** Volume in 09:15-09:45, 12:00-12:30 and 15:00-15:30 from 15-minute candles. */
    private static long[] openMiddleClose(MarketModel m, String symbol) {
        List<Candle> c = m.intradayCandles(symbol, 15, OPEN, CLOSE, CLOSE);
        assertThat(c).hasSize(25);
        return new long[] {c.get(0).volume() + c.get(1).volume(), c.get(11).volume() + c.get(12).volume(),
            c.get(23).volume() + c.get(24).volume()};
    }

    @Test
    void theSameSeedGivesTheSameMarketWhateverIsAskedInWhateverOrder() {
        MarketModel a = model(99);
        MarketModel b = model(99);
        MarketModel onlySbin = new MarketModel(99, SymbolUniverse.of(List.of(NIFTY.find("NSE:SBIN-EQ").orElseThrow())),
                NSE, ANCHOR, MarketParameters.DEFAULTS);
        List<Long> times = new ArrayList<>();
        for (long t = OPEN - 30_000; t < CLOSE + 30_000; t += 17 * 60_000 + 333) {
            times.add(t);
        }
        List<SimQuote> forward = new ArrayList<>();
        for (long t : times) {
            for (String s : NIFTY.names()) {
                forward.add(a.quote(s, t));
            }
        }
        List<SimQuote> backward = new ArrayList<>();
        List<Long> reversed = new ArrayList<>(times);
        Collections.reverse(reversed);
        b.dailyCandles("NSE:TCS-EQ", LocalDate.of(2025, 6, 2), DAY, CLOSE); // unrelated work first
        for (long t : reversed) {
            List<String> names = new ArrayList<>(NIFTY.names());
            Collections.reverse(names);
            for (String s : names) {
                backward.add(b.quote(s, t));
            }
        }
        assertThat(sorted(backward)).isEqualTo(sorted(forward));
        for (long t : times) {
            assertThat(onlySbin.quote("NSE:SBIN-EQ", t)).isEqualTo(a.quote("NSE:SBIN-EQ", t));
        }

        MarketModel other = model(100);
        long differing = NIFTY.names().stream().filter(s -> other.quote(s, CLOSE).lp() != a.quote(s, CLOSE).lp()).count();
        assertThat(differing).as("another seed, another market").isGreaterThan(40);
    }

    private static List<String> sorted(List<SimQuote> quotes) {
        List<String> s = new ArrayList<>();
        for (SimQuote q : quotes) {
            s.add(q.toString());
        }
        Collections.sort(s);
        return s;
    }

    @Test
    void outsideTheSessionQuotesShowTheLastSessionFrozen() {
        MarketModel m = model(5);
        for (String symbol : List.of("NSE:SBIN-EQ", "NSE:RELIANCE-EQ", "NSE:M&M-EQ")) {
            SimQuote last = m.quote(symbol, CLOSE - 1);
            assertThat(last.tradingDate()).isEqualTo(DAY);
            for (String t : List.of("2026-03-10T15:30", "2026-03-10T18:00", "2026-03-10T23:59:59", "2026-03-11T09:14:59.999")) {
                assertThat(m.quote(symbol, ist(t))).as("%s at %s", symbol, t).isEqualTo(last);
            }
            // Friday's close stays through the weekend, and over the Thursday holiday (Ram Navami).
            SimQuote friday = m.quote(symbol, ist("2026-03-13T15:45"));
            assertThat(m.quote(symbol, ist("2026-03-15T12:00"))).isEqualTo(friday);
            assertThat(m.quote(symbol, ist("2026-03-16T09:00"))).isEqualTo(friday);
            assertThat(m.quote(symbol, ist("2026-03-26T11:00"))).isEqualTo(m.quote(symbol, ist("2026-03-25T16:00")));
            assertThat(m.quote(symbol, ist("2026-03-26T11:00")).tradingDate()).isEqualTo(LocalDate.of(2026, 3, 25));
        }
    }

    @Test
    void theFirstSimulatedSessionOpensFromTheConfiguredPreviousClose() {
        MarketModel m = model(8);
        for (SimSymbol s : NIFTY.symbols()) {
            SimQuote before = m.quote(s.symbol(), OPEN - 60_000);
            assertThat(before.tradingDate()).isEqualTo(ANCHOR);
            assertThat(before.lp()).as("before the open the anchor close shows").isEqualTo(s.prevClose());
            SimQuote first = m.quote(s.symbol(), OPEN);
            assertThat(first.prevClose()).isEqualTo(s.prevClose());
            assertThat(first.tradingDate()).isEqualTo(DAY);
            assertThat(first.lp()).isEqualTo(first.open()).isEqualTo(first.high()).isEqualTo(first.low());
        }
    }

    @Test
    void eachSessionOpensFromThePreviousClose() {
        MarketModel m = model(21);
        for (String symbol : List.of("NSE:SBIN-EQ", "NSE:TATASTEEL-EQ", "NSE:MARUTI-EQ")) {
            // Across the anchor: sessions before it are solved backwards, after it walked forwards.
            List<LocalDate> days = NSE.tradingDays(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 4, 10));
            List<Candle> daily = m.dailyCandles(symbol, days.get(0), days.get(days.size() - 1), ist("2026-04-11T12:00"));
            assertThat(daily).hasSameSizeAs(days);
            for (int i = 0; i + 1 < days.size(); i++) {
                SimQuote next = m.quote(symbol, TradingCalendar.sessionOpen(days.get(i + 1)));
                assertThat(next.prevClose()).as("%s %s", symbol, days.get(i + 1)).isEqualTo(daily.get(i).close());
                assertThat(daily.get(i).time()).isEqualTo(days.get(i).toEpochDay() * 86_400);
            }
        }
    }

    @Test
    void oneMinuteCandlesEndWithThePriceQuotedJustBeforeTheyClose() {
        MarketModel m = model(13);
        String symbol = "NSE:INFY-EQ";
        List<Candle> candles = m.intradayCandles(symbol, 1, OPEN, CLOSE, CLOSE);
        assertThat(candles).hasSize(375);
        long volume = 0;
        double high = 0;
        double low = Double.MAX_VALUE;
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            assertThat(c.time() * 1000).isEqualTo(OPEN + i * 60_000L);
            volume += c.volume();
            high = Math.max(high, c.high());
            low = Math.min(low, c.low());
            SimQuote endOfMinute = m.quote(symbol, c.time() * 1000 + 59_999);
            assertThat(endOfMinute.lp()).isEqualTo(c.close());
            assertThat(endOfMinute.volume()).isEqualTo(volume);
            assertThat(endOfMinute.high()).isEqualTo(high);
            assertThat(endOfMinute.low()).isEqualTo(low);
            assertThat(c.low()).isLessThanOrEqualTo(Math.min(c.open(), c.close()));
            assertThat(c.high()).isGreaterThanOrEqualTo(Math.max(c.open(), c.close()));
        }
    }

    @Test
    void historyAsOfNowEndsWithTheFormingCandle() {
        MarketModel m = model(13);
        long now = ist("2026-03-10T10:30:30");
        SimQuote q = m.quote("NSE:SBIN-EQ", now);
        List<Candle> fives = m.intradayCandles("NSE:SBIN-EQ", 5, OPEN, CLOSE, now);
        assertThat(fives).hasSize(16); // 09:15 ... 10:30
        Candle forming = fives.get(fives.size() - 1);
        assertThat(forming.time() * 1000).isEqualTo(ist("2026-03-10T10:30"));
        assertThat(forming.close()).isEqualTo(q.lp());
        assertThat(fives.stream().mapToLong(Candle::volume).sum()).isEqualTo(q.volume());
        Candle today = m.dailyCandles("NSE:SBIN-EQ", DAY, DAY, now).get(0);
        assertThat(today).isEqualTo(new Candle(DAY.toEpochDay() * 86_400, q.open(), q.high(), q.low(), q.lp(), q.volume()));
        assertThat(m.intradayCandles("NSE:SBIN-EQ", 1, OPEN, CLOSE, OPEN - 1)).isEmpty();
    }

    @Test
    void anomalyRulesHaveSomethingToFireOnButNotAllTheTime() {
        MarketModel m = model(42);
        List<LocalDate> days = NSE.tradingDays(DAY, LocalDate.of(2026, 3, 24));
        int symbolDays = 0;
        int gaps = 0;
        int bigMoves = 0;
        int surges = 0;
        for (LocalDate day : days) {
            long close = TradingCalendar.sessionClose(day);
            for (String symbol : NIFTY.names()) {
                symbolDays++;
                SimQuote q = m.quote(symbol, close);
                if (Math.abs(q.open() / q.prevClose() - 1) >= 0.03) {
                    gaps++;
                }
                if (Math.max(q.high() / q.prevClose() - 1, 1 - q.low() / q.prevClose()) >= 0.05) {
                    bigMoves++;
                }
            }
        }
        for (String symbol : NIFTY.names().subList(0, 10)) {
            List<Candle> c = m.intradayCandles(symbol, 1, OPEN, CLOSE, CLOSE);
            for (int i = 20; i < c.size(); i++) {
                double mean = c.subList(i - 20, i).stream().mapToLong(Candle::volume).average().orElseThrow();
                if (c.get(i).volume() >= 5 * mean) {
                    surges++;
                }
            }
        }
        assertThat(gaps).as("gap opens >= 3%% in %d symbol-days", symbolDays).isBetween(1, symbolDays / 10);
        assertThat(bigMoves).as("moves >= 5%% from the previous close").isBetween(1, symbolDays / 8);
        assertThat(surges).as("1m volume >= 5x the previous 20 minutes' mean, 10 symbols").isPositive();
    }

    @Test
    void unknownSymbolsAndNonTradingAnchorsAreRefused() {
        MarketModel m = model(1);
        assertThat(m.knows("NSE:NOTASTOCK-EQ")).isFalse();
        assertThatThrownBy(() -> m.quote("NSE:NOTASTOCK-EQ", OPEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NSE:NOTASTOCK-EQ");
        assertThatThrownBy(() -> new MarketModel(1, NIFTY, NSE, LocalDate.of(2026, 3, 8), MarketParameters.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-08");
        assertThat(MarketModel.anchorFor(NSE, SimClock.ist("2026-03-04T09:14"))).as("Holi, 3 March, is skipped")
                .isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> MarketParameters.DEFAULTS.withGapProbability(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gapProbability");
        assertThatThrownBy(() -> MarketParameters.DEFAULTS.withDailyVolatility(-0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dailyVolatility");
        assertThat(MarketParameters.DEFAULTS.quiet().jumpsPerDay()).isZero();
    }
}
