package io.pricefeed.flink;

import io.pricefeed.flink.anomaly.AnomalyDetector;
import io.pricefeed.flink.anomaly.AnomalyThresholds;
import io.pricefeed.flink.bars.MinuteBarFolder;
import io.pricefeed.flink.bars.SessionState;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first 45 minutes of {@link SessionScript#DAY} (09:15 to 10:00 IST) for six symbols, with
 * the producer up at the open, built so that the anomaly rules of DESIGN.md §6 at their default
 * thresholds (bands 5 / 7.5 / 10 %, z-score k 4 over 30, surge 5x over 20 above 1000, gap 3 %)
 * find exactly four anomalies, one per rule, each on its own symbol:
 *
 * <table>
 *   <tr><th>symbol</th><th>planted</th><th>expected</th></tr>
 *   <tr><td>GAPPER</td><td>opens 3.5 % above its previous close, then trades calmly there</td>
 *       <td>GAP_OPEN on the 09:15 bar</td></tr>
 *   <tr><td>MOVER</td><td>one tick 6 % above the previous close at 09:35:24.9; the bar still
 *       closes on its calm path</td><td>PRICE_MOVE, band 5 % up</td></tr>
 *   <tr><td>BURST</td><td>100,000 shares in the 09:40 bar, 10x the 10,000 mean of the 20
 *       bars before it; an ordinary return</td><td>VOLUME_SURGE on the 09:40 bar</td></tr>
 *   <tr><td>JUMPER</td><td>the 09:53 bar closes 4.5 sample standard deviations above the mean of
 *       the previous 30 1m log returns (computed from the prices as sent); ordinary volume</td>
 *       <td>RETURN_ZSCORE on the 09:53 bar</td></tr>
 *   <tr><td>CALMA, CALMB</td><td>nothing</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Why nothing else fires (checked with margins, thresholds tightened, in
 * {@code PlantedAnomalySessionTest}):
 * <ul>
 *   <li><b>Calm returns with a real spread.</b> Every 1m log return is {@value #BASE} times a value
 *       of a fixed zero-sum pattern of ten ({@link #RETURN_PATTERN}), each symbol at its own phase. A
 *       window of 30 returns is then three whole periods: mean 0, sample deviation 0.73 units, and the
 *       largest ordinary return 1.2 units: |z| = 1.63, and 1.67 at most once prices are rounded to
 *       0.05 as sent. A constant return would have no deviation (no
 *       verdict at all) and a tiny one would make rounding noise look like outliers.</li>
 *   <li><b>Calm volume.</b> Each minute trades 10,000 shares plus 500 times a zero-sum pattern
 *       ({@link #VOLUME_PATTERN}): any 20 consecutive minutes average exactly 10,000 and no minute
 *       exceeds 12,000 (1.2x). The 09:15 bar also carries the pre-open volume (16 to 21x a minute):
 *       the surge rule never judges the day's first bar, so this checks that guard end to end.</li>
 *   <li><b>Prices stay near the open.</b> The return pattern sums to zero and its partial sums, from any
 *       phase, span 1.5 units, so a calm price stays within 0.15 % of its day open; the open is
 *       within 0.35 % of the previous close for every symbol but GAPPER, whose 3.5 % stays under the
 *       5 % band all session.</li>
 *   <li><b>Each planted event is clean of the other rules.</b> MOVER's spike is one tick in the
 *       middle of its bar: the bar closes on the calm path, so its return (z-score) and volume are
 *       ordinary. BURST's burst bar has an ordinary return. JUMPER's jump is about 0.33 %, nowhere
 *       near a band, with ordinary volume; afterwards it widens the window's deviation, so later
 *       returns look smaller, not larger. GAPPER's overnight 3.5 % is not a 1m return (the z-score
 *       rule skips the day's first bar). Every planted event comes after its rule's warm-up: 20 bars
 *       after 09:15 for the surge window, 30 returns (31 bars) for the z-score window.</li>
 * </ul>
 * Deterministic: no randomness, and the same ticks every build.
 */
public final class PlantedAnomalySession {
    static final long OPEN = TradingCalendar.sessionOpen(SessionScript.DAY);
    static final int MINUTES = 45;

    static final String CALM_A = "NSE:CALMA-EQ";
    static final String CALM_B = "NSE:CALMB-EQ";
    static final String GAPPER = "NSE:GAPPER-EQ";
    static final String MOVER = "NSE:MOVER-EQ";
    static final String BURST = "NSE:BURST-EQ";
    static final String JUMPER = "NSE:JUMPER-EQ";

    static final double GAP = 0.035;
    static final double SPIKE = 0.06;
    static final double JUMP_SIGMAS = 4.5;
    /** Minutes after 09:15 of the planted bar events: 09:35, 09:40, 09:53. */
    static final int SPIKE_MINUTE = 20;
    static final int BURST_MINUTE = 25;
    static final int JUMP_MINUTE = 38;
    static final long NORMAL_VOLUME = 10_000;
    static final long BURST_VOLUME = 100_000;

    private static final double BASE = 0.001;
    /** 1m log returns in units of BASE; sums to 0. */
    private static final double[] RETURN_PATTERN = {1.0, -0.6, 0.3, -1.2, 0.8, -0.4, 0.9, -0.8, 0.2, -0.2};
    /** 1m volume offsets in units of 500 shares; sums to 0. */
    private static final int[] VOLUME_PATTERN = {0, 3, -2, 1, -3, 2, -1, 4, -4, 0};
    private static final int TICKS_PER_MINUTE = 6;
    private static final long MINUTE = 60_000L;

    /** Symbol -> {previous close, day open}; the order gives each symbol its pattern phase and tick offset. */
    private static final Map<String, double[]> PRICES = new LinkedHashMap<>();

    static {
        PRICES.put(CALM_A, new double[] {1200.00, 1196.00});
        PRICES.put(CALM_B, new double[] {2480.00, 2486.20});
        PRICES.put(GAPPER, new double[] {1000.00, 1035.00});
        PRICES.put(MOVER, new double[] {1500.00, 1503.00});
        PRICES.put(BURST, new double[] {1800.00, 1797.30});
        PRICES.put(JUMPER, new double[] {2200.00, 2204.40});
    }

    private PlantedAnomalySession() {
    }

    /** The session as a script: its ticks in ts order, from 09:15 to 10:00, heartbeats on demand. */
    static SessionScript script() {
        List<Tick> ticks = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, double[]> s : PRICES.entrySet()) {
            symbol(index++, s.getKey(), s.getValue()[0], s.getValue()[1], ticks);
        }
        return SessionScript.of(new ArrayList<>(PRICES.keySet()), OPEN, OPEN + MINUTES * MINUTE, ticks);
    }

    /** Start of the 1m bar {@code minute} minutes after 09:15. */
    static long minute(int minute) {
        return OPEN + minute * MINUTE;
    }

    /**
     * What the plain-Java {@link AnomalyDetector} finds in {@code script}: each symbol's ticks and
     * its final 1m bars (folded by {@link MinuteBarFolder}, as the job's bar operator does), each
     * bar after its own ticks, as the watermark orders them in the job.
     */
    static List<Anomaly> detect(SessionScript script, AnomalyThresholds thresholds) {
        List<Anomaly> found = new ArrayList<>();
        for (String symbol : script.symbols) {
            AnomalyDetector detector = new AnomalyDetector(thresholds, TradingCalendar.nse());
            SessionState day = null;
            for (int m = 0; m < MINUTES; m++) {
                long barStart = minute(m);
                List<Tick> ticks = new ArrayList<>();
                for (Tick t : script.ticks) {
                    if (t.getSymbol().equals(symbol) && t.getTs() >= barStart && t.getTs() < barStart + MINUTE) {
                        ticks.add(t);
                        found.addAll(detector.onTick(t));
                    }
                }
                MinuteBarFolder.Result folded = MinuteBarFolder.fold(symbol, barStart, ticks, day);
                day = folded.after();
                Bar bar = folded.bar();
                bar.setFinalBar(true);
                found.addAll(detector.onFinalMinuteBar(bar));
            }
        }
        return found;
    }

    private static void symbol(int index, String symbol, double prevClose, double dayOpen, List<Tick> out) {
        long offset = 1_000 + 1_300L * index; // every symbol's first tick before 09:16: the open was seen
        long cum = 150_000 + 10_000L * index; // the pre-open auction, all of it in the 09:15 bar
        double turnover = cum * dayOpen;
        double dayHigh = dayOpen;
        double dayLow = dayOpen;
        double ideal = dayOpen; // the unrounded path; traded prices are it rounded to 0.05
        double last = dayOpen;
        List<Double> closes = new ArrayList<>();
        for (int m = 0; m < MINUTES; m++) {
            long barStart = minute(m);
            int phase = (m + index) % RETURN_PATTERN.length;
            if (symbol.equals(JUMPER) && m == JUMP_MINUTE) {
                ideal = last * Math.exp(jump(closes));
            } else {
                ideal *= Math.exp(BASE * RETURN_PATTERN[phase]);
            }
            double close = price(ideal);
            long volume = symbol.equals(BURST) && m == BURST_MINUTE ? BURST_VOLUME
                    : NORMAL_VOLUME + 500L * VOLUME_PATTERN[phase];
            for (int j = 0; j < TICKS_PER_MINUTE; j++) {
                boolean lastTick = j == TICKS_PER_MINUTE - 1;
                double ltp = lastTick ? close : price(last + (close - last) * (j + 1) / TICKS_PER_MINUTE);
                if (symbol.equals(MOVER) && m == SPIKE_MINUTE && j == 2) {
                    ltp = price(prevClose * (1 + SPIKE)); // a one-tick spike: the bar closes back on the path
                }
                long traded = lastTick ? volume - (volume / TICKS_PER_MINUTE) * (TICKS_PER_MINUTE - 1)
                        : volume / TICKS_PER_MINUTE;
                cum += traded;
                turnover += traded * ltp;
                dayHigh = Math.max(dayHigh, ltp);
                dayLow = Math.min(dayLow, ltp);
                out.add(new Tick(symbol, barStart + offset + j * 10_000L, ltp, cum, round2(turnover / cum), dayOpen,
                        dayHigh, dayLow, prevClose, price(ltp - 0.05), ltp));
            }
            closes.add(close);
            last = close;
        }
    }

    private static double jump(List<Double> closes) {
        return returnAboveWindow(closes, JUMP_SIGMAS);
    }

    /**
     * A log return {@code sigmas} sample deviations above the mean of the last 30 returns of
     * {@code closes} (the closes as sent, i.e. the window the z-score rule holds for the next bar).
     */
    public static double returnAboveWindow(List<Double> closes, double sigmas) {
        int n = 30;
        double[] r = new double[n];
        int first = closes.size() - n;
        for (int i = 0; i < n; i++) {
            r[i] = Math.log(closes.get(first + i) / closes.get(first + i - 1));
        }
        double mean = 0;
        for (double v : r) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : r) {
            squares += (v - mean) * (v - mean);
        }
        return mean + sigmas * Math.sqrt(squares / (n - 1));
    }

    /** An NSE price: a multiple of 0.05. */
    private static double price(double v) {
        return Math.round(v * 20) / 20.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
