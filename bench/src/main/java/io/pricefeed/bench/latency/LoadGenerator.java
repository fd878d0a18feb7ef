package io.pricefeed.bench.latency;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.Kinesalite;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The harness as the producer: the plan's symbols at {@code rate} ticks/s in all, spread evenly over
 * 100 ms slots and put with PutRecords into the {@code ticks} stream (partition key = symbol), as wire
 * JSON ({@link WireCodec#encode}). A tick's {@code ts} is the wall clock when its slot is built: the wire
 * format's receive-time field (DESIGN.md §3), hence its event time, so minute ends are real minute ends.
 * One heartbeat per shard per second (explicit hash key = the shard's starting hash key), as the
 * producer's {@code HeartbeatSender} does. Prices walk ±0.01 % per tick around a {@code prevClose} that
 * no band is near; {@code cumVolume} rises 100-500 per tick, 20x that in a planted surge's minute.
 * Every tick sent is noted in {@link SentTicks}.
 */
final class LoadGenerator {
    private static final long SLOT_MS = 100;
    private static final int SURGE_FACTOR = 20;
    private static final String SOURCE = "latency-bench";

    private final URI kinesisEndpoint;
    private final RunPlan plan;
    private final SentTicks sent;
    private final double rate;
    private final long seed;
    private final Samples putCalls = new Samples();
    private final AtomicLong ticksSent = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong putRetries = new AtomicLong();

    LoadGenerator(URI kinesisEndpoint, RunPlan plan, SentTicks sent, double rate, long seed) {
        this.kinesisEndpoint = kinesisEndpoint;
        this.plan = plan;
        this.sent = sent;
        this.rate = rate;
        this.seed = seed;
    }

    /** Ticks and heartbeats from the plan's production start, slot by slot, while {@code running}. */
    void run(BooleanSupplier running) throws Exception {
        try (KinesisClient kinesis = Kinesalite.newClient(kinesisEndpoint)) {
            List<String> hashKeys = new ArrayList<>();
            for (Shard s : kinesis.listShards(b -> b.streamName(ResourceNames.TICKS_STREAM)).shards()) {
                hashKeys.add(s.hashKeyRange().startingHashKey());
            }
            Random random = new Random(seed);
            int n = plan.symbolCount();
            double[] ltp = new double[n];
            double[] prevClose = new double[n];
            double[] atp = new double[n];
            double[] high = new double[n];
            double[] low = new double[n];
            long[] cum = new long[n];
            long[] lastTs = new long[n];
            for (int i = 0; i < n; i++) {
                prevClose[i] = Math.round((100 + random.nextDouble() * 2_900) * 20) / 20.0;
                ltp[i] = prevClose[i];
                atp[i] = prevClose[i];
                high[i] = prevClose[i] * 1.005;
                low[i] = prevClose[i] * 0.995;
                cum[i] = 1_000_000 + random.nextInt(1_000_000);
            }
            long start = plan.productionStart();
            long nextHeartbeat = start;
            long tickIndex = 0;
            for (long slot = 1; running.getAsBoolean(); slot++) {
                long now = System.currentTimeMillis();
                List<PutRecordsRequestEntry> batch = new ArrayList<>();
                long due = (long) Math.floor((now - start) * rate / 1000.0) + 1;
                for (; tickIndex < due; tickIndex++) {
                    int i = (int) (tickIndex % n);
                    long ts = Math.max(now, lastTs[i] + 1);
                    lastTs[i] = ts;
                    long barStart = ts - Math.floorMod(ts, RunPlan.MINUTE);
                    boolean surge = plan.isSurge(barStart, i);
                    long traded = (100 + random.nextInt(401)) * (surge ? SURGE_FACTOR : 1);
                    double price = Math.round(ltp[i] * (1 + (random.nextDouble() - 0.5) * 0.0002) * 20) / 20.0;
                    atp[i] = (atp[i] * cum[i] + price * traded) / (cum[i] + traded);
                    cum[i] += traded;
                    ltp[i] = price;
                    high[i] = Math.max(high[i], price);
                    low[i] = Math.min(low[i], price);
                    Tick tick = new Tick(plan.symbol(i), ts, price, cum[i], Math.round(atp[i] * 100) / 100.0, prevClose[i],
                            high[i], low[i], prevClose[i], price - 0.05, price);
                    sent.add(i, barStart, ts);
                    batch.add(PutRecordsRequestEntry.builder().partitionKey(plan.symbol(i))
                            .data(SdkBytes.fromByteArrayUnsafe(WireCodec.encode(tick))).build());
                }
                if (now >= nextHeartbeat) {
                    byte[] beat = WireCodec.encode(new Heartbeat(now, SOURCE));
                    for (String key : hashKeys) {
                        batch.add(PutRecordsRequestEntry.builder().partitionKey(SOURCE).explicitHashKey(key)
                                .data(SdkBytes.fromByteArrayUnsafe(beat)).build());
                    }
                    heartbeatsSent.addAndGet(hashKeys.size());
                    nextHeartbeat = Math.max(nextHeartbeat + 1_000, now + 1); // keep the grid, never catch up
                }
                put(kinesis, batch);
                long next = start + slot * SLOT_MS;
                long sleep = next - System.currentTimeMillis();
                if (sleep > 0) {
                    Thread.sleep(sleep); // pacing to the next 100 ms slot
                }
            }
        }
    }

    /** PutRecords in chunks of 500, the failed entries retried until they are in. */
    private void put(KinesisClient kinesis, List<PutRecordsRequestEntry> batch) throws InterruptedException {
        for (int from = 0; from < batch.size(); from += 500) {
            List<PutRecordsRequestEntry> pending = batch.subList(from, Math.min(batch.size(), from + 500));
            while (!pending.isEmpty()) {
                long t0 = System.nanoTime();
                List<PutRecordsRequestEntry> send = pending;
                PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(ResourceNames.TICKS_STREAM).records(send));
                putCalls.add((System.nanoTime() - t0) / 1_000_000);
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                for (int i = 0; i < r.records().size(); i++) {
                    PutRecordsResultEntry e = r.records().get(i);
                    if (e.errorCode() != null) {
                        failed.add(send.get(i));
                    } else if (e.shardId() != null && send.get(i).explicitHashKey() == null) {
                        ticksSent.incrementAndGet();
                    }
                }
                if (!failed.isEmpty()) {
                    putRetries.addAndGet(failed.size());
                    Thread.sleep(20); // brief back-off before retrying throttled entries
                }
                pending = failed;
            }
        }
    }

    /** Ticks PutRecords took (heartbeats not counted). */
    long ticksSent() {
        return ticksSent.get();
    }

    long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    /** Entries PutRecords refused and were put again. */
    long putRetries() {
        return putRetries.get();
    }

    /** Each PutRecords call's time in ms. */
    Samples putCalls() {
        return putCalls;
    }
}
