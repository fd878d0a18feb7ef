package io.pricefeed.local.backfill;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.local.BackfillLoad;
import io.pricefeed.producer.history.FetchProgress;
import io.pricefeed.producer.history.HistoryChunk;
import io.pricefeed.producer.history.HistoryFetch;
import io.pricefeed.producer.history.HistoryStage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * One {@code ./pricefeed backfill}: the producer's fetch stage ({@link HistoryFetch} into a
 * {@link HistoryStage}), then flink-app's load stage ({@link BackfillLoad}, which decides which
 * (symbol, day) pairs to load and purges them first) over this lake folder
 * ({@link LakeFolderInventory}). Running the same backfill twice leaves the same rows as running
 * it once (the second run finds every chunk staged and every pair present: no call, no load).
 */
final class BackfillRun {
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

        BackfillLoad load = new BackfillLoad(new BackfillLoad.Settings(settings.resolution(), settings.replace(), settings.lake(),
                settings.job(), settings.toTable(), settings.parallelism(), settings.ttlClock()),
                new LakeFolderInventory(settings.lake()));
        report.loaded(load.run(staged.stream().map(stage::file).toList()));
        return report;
    }
}
