package io.pricefeed.bench.latency;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.Kinesalite;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * <b>Minute end -> anomaly</b>: reads the {@code anomalies} stream from TRIM_HORIZON with GetRecords
 * every {@value #POLL_MS} ms (every shard), and notes when each planted surge's VOLUME_SURGE first came
 * back (latency = that response's time minus the bar's end) and its id (to find its alert mail).
 * Anomalies that were not planted and redeliveries of an id already seen are counted; the alerts path's
 * warm-up probe is ignored.
 */
final class AnomalyStreamReader {
    static final long POLL_MS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyStreamReader.class);

    private final URI kinesisEndpoint;
    private final RunPlan plan;
    /** Planted surges seen: bar key -> arrival. */
    private final Map<BarKey, Long> surgeSeen = new ConcurrentHashMap<>();
    /** The planted surges' anomaly ids, to find their alert mails. */
    private final Map<BarKey, String> surgeIds = new ConcurrentHashMap<>();
    /** Every anomaly seen: id -> arrival. */
    private final Map<String, Long> anomaliesSeen = new ConcurrentHashMap<>();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    AnomalyStreamReader(URI kinesisEndpoint, RunPlan plan) {
        this.kinesisEndpoint = kinesisEndpoint;
        this.plan = plan;
    }

    void run(BooleanSupplier running) throws Exception {
        try (KinesisClient kinesis = Kinesalite.newClient(kinesisEndpoint)) {
            List<String> iterators = new ArrayList<>();
            for (Shard s : kinesis.listShards(b -> b.streamName(ResourceNames.ANOMALIES_STREAM)).shards()) {
                iterators.add(kinesis.getShardIterator(b -> b.streamName(ResourceNames.ANOMALIES_STREAM)
                        .shardId(s.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
            while (running.getAsBoolean()) {
                for (int i = 0; i < iterators.size(); i++) {
                    String it = iterators.get(i);
                    GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it).limit(1000));
                    long observed = System.currentTimeMillis();
                    for (Record record : r.records()) {
                        onAnomaly(record.data().asByteArray(), observed);
                    }
                    iterators.set(i, r.nextShardIterator());
                }
                Thread.sleep(POLL_MS); // polling the stream is the measurement
            }
        }
    }

    /** One record of the stream, read at {@code observed}. */
    void onAnomaly(byte[] data, long observed) {
        DecodeResult d = WireCodec.decode(data, observed);
        if (!d.isAnomaly()) {
            LOG.warn("not an anomaly on the anomalies stream: {}", d.rejection());
            unexpected.incrementAndGet();
            return;
        }
        Anomaly a = d.anomaly();
        if (a.getId().startsWith(AlertMailPath.PROBE_ID_PREFIX)) {
            return; // the alerts path's warm-up probe, put by this harness
        }
        if (anomaliesSeen.putIfAbsent(a.getId(), observed) != null) {
            duplicates.incrementAndGet(); // at-least-once: a redelivery of the same id
            return;
        }
        int symbol = plan.indexOf(a.getSymbol());
        boolean planted = a.getRule() == AnomalyRule.VOLUME_SURGE && symbol >= 0 && plan.isSurge(a.getBarStart(), symbol);
        if (planted) {
            surgeSeen.putIfAbsent(new BarKey(symbol, a.getBarStart()), observed);
            surgeIds.putIfAbsent(new BarKey(symbol, a.getBarStart()), a.getId());
        } else {
            unexpected.incrementAndGet();
            LOG.info("anomaly not planted: {} {} {} {}", a.getSymbol(), a.getRule(), TradingCalendar.formatIst(a.getBarStart()),
                    a.getMessage());
        }
    }

    /** When the planted surge's anomaly was first read; null if not (yet). */
    Long surgeSeen(BarKey surge) {
        return surgeSeen.get(surge);
    }

    /** The planted surge's anomaly id; null if not read (yet). */
    String surgeId(BarKey surge) {
        return surgeIds.get(surge);
    }

    int surgesSeen() {
        return surgeSeen.size();
    }

    /** The anomaly ids of the planted surges read so far. */
    List<String> surgeIds() {
        return List.copyOf(surgeIds.values());
    }

    /** Anomalies (or other records) on the stream that were not planted. */
    long unexpected() {
        return unexpected.get();
    }

    /** Anomalies read again with an id already seen. */
    long duplicates() {
        return duplicates.get();
    }
}
