package io.pricefeed.bench.kinesis;

import io.pricefeed.bench.Flags;
import io.pricefeed.bench.PositiveCount;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.kinesis.KinesisClients;
import io.pricefeed.producer.kinesis.KinesisPublisher;
import io.pricefeed.standins.Kinesalite;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The local Kinesis under a trading day's load: the producer's own {@link KinesisPublisher}
 * (its HTTP client, 500-record PutRecords, 20,000-record buffer) puts wire-format ticks into a
 * fresh kinesalite, then every record is read back with GetRecords. The figure that matters is
 * the rate in the last tenth of the run against the first tenth of the same run (the baseline):
 * a stand-in whose puts slow down as its shards fill cannot carry a day.
 */
@Command(name = "StandInBench", mixinStandardHelpOptions = true,
        description = "PutRecords through the producer's publisher into kinesalite, then GetRecords back; "
                + "records/s in the first and last tenth of each run.")
public final class StandInBench implements Callable<Integer> {
    static final double GOAL_RECORDS_PER_SECOND = 2_000;
    static final double GOAL_LAST_OVER_FIRST = 0.8;
    private static final String STREAM = "bench-ticks";
    private static final long T0 = 1_773_114_300_000L; // 2026-03-10 09:15 IST

    @Spec
    private CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", description = "ticks per run, at least 100 (default ${DEFAULT-VALUE})")
    private int records = 1_000_000;

    @Option(names = "--shards", paramLabel = "N", split = ",", converter = PositiveCount.class, defaultValue = "2,8",
            description = "shard counts, one run each (default ${DEFAULT-VALUE})")
    private List<Integer> shards;

    @Option(names = "--symbols", paramLabel = "N", converter = PositiveCount.class,
            description = "distinct partition keys (default ${DEFAULT-VALUE}, a full Fyers universe)")
    private int symbols = 200;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StandInBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Flags.require(spec, records >= 100, "--records must be at least 100, got " + records);
        System.out.printf(Locale.ROOT, "StandInBench: %,d ticks per run, %d symbols, shards %s; %d CPUs, heap %d MiB, "
                        + "java %s, load average %.2f at start%n", records, symbols, shards,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());
        List<Run> runs = new ArrayList<>();
        for (int shardCount : shards) {
            runs.add(run(shardCount));
        }
        System.out.println();
        String row = "%-8s %-4s %12s %12s %12s %12s %10s %10s%n";
        System.out.printf(Locale.ROOT, row, "shards", "op", "first 10%", "last 10%", "last/first", "overall", "seconds",
                "node MiB");
        boolean met = true;
        for (Run r : runs) {
            for (String op : List.of("put", "get")) {
                RateCurve c = op.equals("put") ? r.put : r.get;
                System.out.printf(Locale.ROOT, row, r.shards, op, f0(c.tenthRate(0)), f0(c.tenthRate(9)),
                        String.format(Locale.ROOT, "%.2f", c.lastOverFirst()), f0(c.overallRate()),
                        String.format(Locale.ROOT, "%.1f", c.totalSeconds()), op.equals("put") ? r.nodeMiB : "");
            }
            met &= r.put.overallRate() >= GOAL_RECORDS_PER_SECOND && r.put.lastOverFirst() >= GOAL_LAST_OVER_FIRST;
        }
        System.out.printf(Locale.ROOT, "%nrates in records/s; baseline = the first 10%% of the same run. Goal (puts): "
                        + "at least %.0f records/s and last/first at least %.2f: %s. Load average %.2f at the end.%n",
                GOAL_RECORDS_PER_SECOND, GOAL_LAST_OVER_FIRST, met ? "met" : "NOT met", loadAverage());
        return 0;
    }

    private record Run(int shards, RateCurve put, RateCurve get, String nodeMiB) {
    }

    private Run run(int shardCount) throws Exception {
        Path log = Path.of("data", "logs", "stand-in-bench-kinesalite.log");
        try (Kinesalite kinesis = Kinesalite.builder().logFile(log).start()) {
            kinesis.createStream(STREAM, shardCount);
            System.out.printf(Locale.ROOT, "%d shards: putting %,d ticks...%n", shardCount, records);
            RateCurve put = put(kinesis.endpoint());
            String nodeMiB = residentMiB(kinesis.pids());
            System.out.printf(Locale.ROOT, "%d shards: put in %.1f s; reading back...%n", shardCount, put.totalSeconds());
            RateCurve get = readBack(kinesis.client());
            return new Run(shardCount, put, get, nodeMiB);
        }
    }

    /** The producer's publisher with its production defaults, fed as fast as it takes ticks. */
    private RateCurve put(URI endpoint) throws Exception {
        // The producer's own defaults (ProducerConfig.DEFAULTS_JSON), pointed at this stand-in.
        ProducerConfig.Kinesis settings = ProducerConfig.parse("{\"fyers\":{\"clientId\":\"BENCH-100\"},\"kinesis\":{"
                + "\"stream\":\"" + STREAM + "\",\"endpoint\":\"" + endpoint + "\"}}").kinesis();
        ProducerMetrics metrics = new ProducerMetrics();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KinesisClient client = KinesisClients.create(settings)) {
            KinesisPublisher publisher = KinesisPublisher.builder().client(client).stream(STREAM)
                    .bufferRecords(settings.bufferRecords()).maxBatchRecords(settings.maxBatchRecords())
                    .flushTimeout(settings.flushTimeout()).metrics(metrics).build().start();
            RateCurve curve = new RateCurve(records, System.nanoTime());
            Thread feeder = new Thread(() -> {
                try {
                    for (int i = 0; i < records; i++) {
                        publisher.accept(tick(i));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "bench-feeder");
            feeder.start();
            while (!curve.complete()) {
                if (failure.get() != null) {
                    throw new IllegalStateException("feeding the publisher failed", failure.get());
                }
                Thread.sleep(2); // sampling a counter the sender thread advances; 2 ms is far below a tenth's time
                curve.observe(metrics.ticksPublished.get(), System.nanoTime());
            }
            feeder.join();
            publisher.close();
            if (metrics.recordsDropped.get() > 0) {
                throw new IllegalStateException(metrics.recordsDropped.get() + " records were dropped");
            }
            return curve;
        }
    }

    /** Every shard from TRIM_HORIZON to its end; fails unless every record comes back a tick. */
    private RateCurve readBack(KinesisClient client) {
        RateCurve curve = new RateCurve(records, System.nanoTime());
        AtomicLong read = new AtomicLong();
        for (Shard shard : client.listShards(b -> b.streamName(STREAM)).shards()) {
            String iterator = client.getShardIterator(b -> b.streamName(STREAM).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse r = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                r.records().forEach(record -> {
                    DecodeResult decoded = WireCodec.decode(record.data().asByteArray(), Long.MAX_VALUE / 2);
                    if (!decoded.isTick()) {
                        throw new IllegalStateException("read back a record that is not a tick: " + decoded);
                    }
                });
                curve.observe(read.addAndGet(r.records().size()), System.nanoTime());
                if (r.records().isEmpty() && r.millisBehindLatest() != null && r.millisBehindLatest() == 0) {
                    break;
                }
                iterator = r.nextShardIterator();
            }
        }
        if (read.get() != records) {
            throw new IllegalStateException("put " + records + " ticks but read back " + read.get());
        }
        return curve;
    }

    /** Tick {@code i}: symbols in turn, as a poller's batches arrive, prices walking a little. */
    private Tick tick(int i) {
        int s = i % symbols;
        int round = i / symbols;
        double price = 100 + s + (round % 200) * 0.05;
        return new Tick(String.format(Locale.ROOT, "NSE:SYM%03d-EQ", s), T0 + round * 1_000L + s, price,
                1_000L * round, price, 100 + s, price + 3, 99 + s, 98.5 + s, price - 0.05, price + 0.05);
    }

    /** The largest resident set among the stand-in's processes (node, not the watchdog shell). */
    private static String residentMiB(List<Long> pids) {
        long max = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        max = Math.max(max, Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or the process is gone: leave it out
            }
        }
        return max == 0 ? "-" : Long.toString(max);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
