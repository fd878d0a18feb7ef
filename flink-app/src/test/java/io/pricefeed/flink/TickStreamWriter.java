package io.pricefeed.flink;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Writes a script into a kinesalite stream the way the producer does: ticks keyed by symbol,
 * heartbeats to every shard by explicit hash key, all in ts order, 500 records a call, failed
 * entries retried in order.
 */
final class TickStreamWriter {
    private final KinesisClient client;
    private final String stream;
    /** PutRecords takes at most 500 entries and 5 MiB a call; a little headroom under the latter. */
    private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private final List<PutRecordsRequestEntry> pending = new ArrayList<>();
    private long pendingBytes;

    TickStreamWriter(KinesisClient client, String stream) {
        this.client = client;
        this.stream = stream;
    }

    /** The script's ticks and heartbeats merged by ts, plus {@code bad} raw records spread through them. */
    void writeSession(SessionScript script, long heartbeatEveryMillis, List<String> bad) {
        List<byte[]> raw = new ArrayList<>(bad.size());
        bad.forEach(b -> raw.add(b.getBytes(StandardCharsets.UTF_8)));
        writeSessionWithRaw(script, heartbeatEveryMillis, raw);
    }

    /** The same with the bad records as bytes, which need not be UTF-8 (or anything). */
    void writeSessionWithRaw(SessionScript script, long heartbeatEveryMillis, List<byte[]> bad) {
        write(script.ticks, script.heartbeats(heartbeatEveryMillis), bad, script.from, script.to);
    }

    /** Ticks and heartbeats (each to every shard) merged by ts, as the producer would have sent them. */
    void write(List<Tick> ticks, List<Heartbeat> heartbeats) {
        write(ticks, heartbeats, List.of(), 0, 0);
    }

    /** Ticks and heartbeats merged by ts, plus {@code bad} raw records spread evenly over [from, to). */
    void write(List<Tick> ticks, List<Heartbeat> heartbeats, List<byte[]> bad, long from, long to) {
        List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
        List<Object[]> records = new ArrayList<>(); // {ts, order, entry}
        for (Tick t : ticks) {
            records.add(new Object[] {t.getTs(), 1, entry(t.getSymbol(), WireCodec.encode(t), null)});
        }
        for (Heartbeat h : heartbeats) {
            for (Shard shard : shards) {
                records.add(new Object[] {h.getTs(), 0, entry("heartbeat", WireCodec.encode(h),
                        shard.hashKeyRange().startingHashKey())});
            }
        }
        for (int i = 0; i < bad.size(); i++) {
            long ts = from + (to - from) * (i + 1) / (bad.size() + 1);
            records.add(new Object[] {ts, 2, entry("bad-" + i, bad.get(i), null)});
        }
        // Stable sort: same-ts records keep heartbeat, tick, bad order and the script's own order.
        records.sort(Comparator.<Object[]>comparingLong(r -> (Long) r[0]).thenComparingInt(r -> (Integer) r[1]));
        for (Object[] r : records) {
            add((PutRecordsRequestEntry) r[2]);
        }
        flush();
    }

    private static PutRecordsRequestEntry entry(String partitionKey, byte[] data, String explicitHashKey) {
        PutRecordsRequestEntry.Builder b = PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey).data(SdkBytes.fromByteArray(data));
        if (explicitHashKey != null) {
            b.explicitHashKey(explicitHashKey);
        }
        return b.build();
    }

    private void add(PutRecordsRequestEntry entry) {
        long bytes = entry.data().asByteArrayUnsafe().length + entry.partitionKey().length();
        if (!pending.isEmpty() && pendingBytes + bytes > MAX_BATCH_BYTES) {
            flush();
        }
        pending.add(entry);
        pendingBytes += bytes;
        if (pending.size() == 500) {
            flush();
        }
    }

    private void flush() {
        List<PutRecordsRequestEntry> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        for (int attempt = 0; !batch.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("kinesalite kept refusing " + batch.size() + " records");
            }
            List<PutRecordsRequestEntry> request = batch;
            PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(request));
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            for (int i = 0; i < request.size(); i++) {
                if (response.records().get(i).errorCode() != null) {
                    failed.add(request.get(i));
                }
            }
            batch = failed;
        }
    }
}
