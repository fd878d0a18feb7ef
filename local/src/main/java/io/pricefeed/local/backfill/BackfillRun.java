package io.pricefeed.local.backfill;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.flink.BackfillJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.StagedHistoryInput;
import io.pricefeed.flink.lake.LakeBarPurge;
import io.pricefeed.model.Bar;
import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.history.FetchProgress;
import io.pricefeed.producer.history.HistoryChunk;
import io.pricefeed.producer.history.HistoryFetch;
import io.pricefeed.producer.history.HistoryStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code ./pricefeed backfill}: the producer's fetch stage ({@link HistoryFetch} into a
 * {@link HistoryStage}), then the Flink load stage ({@link BackfillJob}), with the lake decisions
 * between them. Which (symbol, IST trade date) pairs are loaded:
 * <ul>
 *   <li>a pair that already has bars of the resolution's timeframe in the lake (1m for minute
 *       history, 1d for daily) is left alone, unless {@code replace};</li>
 *   <li>before a pair is loaded, its rows in every timeframe the load writes are taken out of the
 *       lake ({@link LakeBarPurge}), so a pair never holds two versions (a {@code --replace}, a daily
 *       backfill followed by a minute one, a load interrupted after the purge);</li>
 *   <li>DynamoDB puts are idempotent (same keys), so nothing needs removing there.</li>
 * </ul>
 * So running the same backfill twice leaves the same rows as running it once (the second run
 * finds every chunk staged and every pair present: no call, no load).
 */
final class BackfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);
    private static final List<Timeframe> FROM_MINUTES = List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);

    /**
     * @param toTable  write the bars table of {@code job} too
     * @param ttlClock the clock DynamoDB TTLs are judged by (real time, except in tests)
     */
    record Settings(List<String> symbols, LocalDate from, LocalDate to, String resolution, boolean replace, Path lake,
                    JobConfig job, boolean toTable, int parallelism, Clock ttlClock) {
    }

    private final Settings settings;
    private final HistoryFetch fetch;
    private final HistoryStage stage;

    BackfillRun(Settings settings, HistoryFetch fetch, HistoryStage stage) {
        this.settings = settings;
        this.fetch = fetch;
        this.stage = stage;
    }

    /** Fetches (resuming what is staged), then loads. Interrupting the thread stops the fetch; what is staged stays. */
    BackfillReport run(FetchProgress progress) throws Exception {
        BackfillReport report = new BackfillReport(settings.symbols().size(), settings.resolution(), settings.from(),
                settings.to(), fetch.lastCompleteDay());
        List<HistoryChunk> plan = fetch.plan(settings.symbols(), settings.resolution(), settings.from(), settings.to());
        List<HistoryChunk> staged = plan.isEmpty() ? List.of() : fetch.run(plan, progress);
        report.fetched(progress, fetch.calls(), fetch.rateLimitWaits());

        List<Path> files = staged.stream().map(stage::file).toList();
        Map<LocalDate, Set<String>> history = pairsIn(files);
        Map<LocalDate, Set<String>> present = pairsInLake(history);
        Timeframe own = own();
        List<Timeframe> written = own == Timeframe.D1 ? List.of(Timeframe.D1) : FROM_MINUTES;

        Set<String> skip = new TreeSet<>();
        long purged = 0;
        for (Map.Entry<LocalDate, Set<String>> day : history.entrySet()) {
            Set<String> load = new TreeSet<>(day.getValue());
            Set<String> there = present.getOrDefault(day.getKey(), Set.of());
            if (!settings.replace()) {
                load.removeAll(there);
                for (String symbol : there) {
                    if (day.getValue().contains(symbol)) {
                        skip.add(StagedHistoryInput.pairKey(symbol, day.getKey()));
                    }
                }
            } else {
                report.replaced(countIn(there, day.getValue()));
            }
            report.pairs(load.size(), day.getValue().size() - load.size());
            for (Timeframe tf : written) {
                purged += new LakeBarPurge(settings.lake()).remove(tf, day.getKey(), load);
            }
        }
        report.purged(purged);
        if (report.pairsLoaded() == 0) {
            LOG.info("backfill: nothing to load ({} pairs of symbol and day already in the lake)", report.pairsSkipped());
            return report;
        }
        long millis = BackfillJob.run(files, skip, settings.lake().toString(), settings.job(), settings.toTable(),
                settings.ttlClock().millis(), settings.parallelism());
        report.loaded(millis);
        LOG.info("backfill loaded {} pairs of symbol and day in {} ms", report.pairsLoaded(), millis);
        return report;
    }

    /** The timeframe whose presence in the lake means a day is there: 1m for minute history, 1d for daily. */
    private Timeframe own() {
        return HistoryCandleLine.DAY.equals(settings.resolution()) ? Timeframe.D1 : Timeframe.M1;
    }

    private static int countIn(Set<String> there, Set<String> staged) {
        int n = 0;
        for (String s : there) {
            if (staged.contains(s)) {
                n++;
            }
        }
        return n;
    }

    /** The symbols each IST trade date has candles for in the staged files. */
    private static Map<LocalDate, Set<String>> pairsIn(List<Path> files) {
        Map<LocalDate, Set<String>> pairs = new TreeMap<>();
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

    /** The symbols each of those dates already has bars of {@link #own()} for, read with DuckDB like Athena would. */
    private Map<LocalDate, Set<String>> pairsInLake(Map<LocalDate, Set<String>> history) {
        Map<LocalDate, Set<String>> present = new TreeMap<>();
        if (history.isEmpty() || !Files.isDirectory(settings.lake())) {
            return present;
        }
        LocalDate first = history.keySet().iterator().next();
        LocalDate last = new ArrayList<>(history.keySet()).get(history.size() - 1);
        try (LakeQueryEngine engine = LakeQueryEngine.open(settings.lake())) {
            QueryResult rows = engine.query("SELECT DISTINCT symbol, trade_date FROM bars WHERE timeframe = '" + own().label()
                    + "' AND trade_date BETWEEN '" + first + "' AND '" + last + "'");
            for (List<Object> row : rows.rows()) {
                present.computeIfAbsent(LocalDate.parse(String.valueOf(row.get(1))), d -> new TreeSet<>())
                        .add(String.valueOf(row.get(0)));
            }
        }
        return present;
    }
}
