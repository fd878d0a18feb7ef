package io.pricefeed.flink.local;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.model.Bar;
import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load stage of {@code ./pricefeed backfill}: staged history files in, the lake (and the bars
 * table) out, with the lake decisions of {@link BackfillPlan}. Before a pair is loaded its rows in
 * every timeframe the load writes are taken out of the lake ({@link LakeBarPurge}), so a pair
 * never holds two versions (a replace, a daily backfill followed by a minute one, a load
 * interrupted after the purge); DynamoDB puts are idempotent, so nothing needs removing there.
 * Loading the same staged files twice leaves the same rows as loading them once.
 */
public final class BackfillLoad {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillLoad.class);
    private static final List<Timeframe> FROM_MINUTES = List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);

    /** What to load and where (a class, not a record: flink-app compiles for Java 11). */
    public static final class Settings {
        final String resolution;
        final boolean replace;
        final Path lake;
        final JobConfig job;
        final boolean toTable;
        final int parallelism;
        final Clock ttlClock;

        /**
         * @param resolution the staged history's resolution ({@code D} or minutes)
         * @param toTable    write the bars table of {@code job} too
         * @param ttlClock   the clock DynamoDB TTLs are judged by (real time, except in tests)
         */
        public Settings(String resolution, boolean replace, Path lake, JobConfig job, boolean toTable, int parallelism,
                        Clock ttlClock) {
            this.resolution = resolution;
            this.replace = replace;
            this.lake = lake;
            this.job = job;
            this.toTable = toTable;
            this.parallelism = parallelism;
            this.ttlClock = ttlClock;
        }
    }

    /** What a load did; {@link #loadMillis()} is -1 when there was nothing to load. */
    public static final class Outcome {
        private final int pairsLoaded;
        private final int pairsSkipped;
        private final int pairsReplaced;
        private final long rowsPurged;
        private final long loadMillis;

        Outcome(int pairsLoaded, int pairsSkipped, int pairsReplaced, long rowsPurged, long loadMillis) {
            this.pairsLoaded = pairsLoaded;
            this.pairsSkipped = pairsSkipped;
            this.pairsReplaced = pairsReplaced;
            this.rowsPurged = rowsPurged;
            this.loadMillis = loadMillis;
        }

        public int pairsLoaded() {
            return pairsLoaded;
        }

        public int pairsSkipped() {
            return pairsSkipped;
        }

        public int pairsReplaced() {
            return pairsReplaced;
        }

        public long rowsPurged() {
            return rowsPurged;
        }

        public long loadMillis() {
            return loadMillis;
        }
    }

    private final Settings settings;
    private final LakeInventory lake;

    public BackfillLoad(Settings settings, LakeInventory lake) {
        this.settings = settings;
        this.lake = lake;
    }

    public Outcome run(List<Path> stagedFiles) throws Exception {
        TreeMap<LocalDate, Set<String>> staged = pairsIn(stagedFiles);
        Timeframe own = presenceTimeframe(settings.resolution);
        Map<LocalDate, Set<String>> inLake = staged.isEmpty() ? Map.of()
                : lake.symbolsWithBars(own, staged.firstKey(), staged.lastKey());
        BackfillPlan plan = BackfillPlan.of(staged, inLake, settings.replace);
        List<Timeframe> written = own == Timeframe.D1 ? List.of(Timeframe.D1) : FROM_MINUTES;
        long purged = 0;
        LakeBarPurge purge = new LakeBarPurge(settings.lake);
        for (Map.Entry<LocalDate, Set<String>> day : plan.load().entrySet()) {
            for (Timeframe tf : written) {
                purged += purge.remove(tf, day.getKey(), day.getValue());
            }
        }
        if (plan.pairsToLoad() == 0) {
            LOG.info("backfill: nothing to load ({} pairs of symbol and day already in the lake)", plan.skipped());
            return new Outcome(0, plan.skipped(), plan.replaced(), purged, -1);
        }
        long millis = BackfillJob.run(stagedFiles, plan.skip(), settings.lake.toString(), settings.job, settings.toTable,
                settings.ttlClock.millis(), settings.parallelism);
        LOG.info("backfill loaded {} pairs of symbol and day in {} ms", plan.pairsToLoad(), millis);
        return new Outcome(plan.pairsToLoad(), plan.skipped(), plan.replaced(), purged, millis);
    }

    /** The timeframe whose presence in the lake means a day is there: 1m for minute history, 1d for daily. */
    static Timeframe presenceTimeframe(String resolution) {
        return HistoryCandleLine.DAY.equals(resolution) ? Timeframe.D1 : Timeframe.M1;
    }

    /** The symbols each IST trade date has candles for in the staged files. */
    private static TreeMap<LocalDate, Set<String>> pairsIn(List<Path> files) {
        TreeMap<LocalDate, Set<String>> pairs = new TreeMap<>();
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file)) {
                lines.filter(l -> !l.isBlank()).forEach(line -> {
                    Bar bar = HistoryCandleLine.decode(line);
                    pairs.computeIfAbsent(TradingCalendar.tradeDate(bar.getBarStart()), d -> new TreeSet<>()).add(bar.getSymbol());
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read staged history " + file, e);
            }
        }
        return pairs;
    }
}
