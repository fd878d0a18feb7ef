package io.pricefeed.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@LocalAws
class KinesaliteITCase {
    private static final long T0 = 1_773_114_300_000L; // 2026-03-10 09:15 IST

    @Test
    void thousandTicksPutToTwoShardsComeBackByStreamNameInPerShardOrder(Kinesalite kinesis) {
        String stream = "ticks-roundtrip";
        String arn = kinesis.createStream(stream, 2);
        assertThat(arn).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/ticks-roundtrip");
        KinesisClient client = kinesis.client();

        // 20 symbols x 50 ticks, interleaved as a poller would send them.
        List<Tick> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int s = 0; s < 20; s++) {
                sent.add(new Tick("NSE:SYM" + s + "-EQ", T0 + i * 1000L + s, 100 + i * 0.05, 1000L * i, 100,
                        100, 103, 99, 98.5, 0, 0));
            }
        }
        Map<String, List<Tick>> expectedPerShard = new HashMap<>();
        for (int from = 0; from < sent.size(); from += 500) {
            List<Tick> batch = sent.subList(from, from + 500);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (Tick t : batch) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(t.getSymbol())
                        .data(SdkBytes.fromByteArray(WireCodec.encode(t))).build());
            }
            PutRecordsResponse put = client.putRecords(b -> b.streamName(stream).records(entries));
            assertThat(put.failedRecordCount()).isZero();
            for (int i = 0; i < batch.size(); i++) {
                PutRecordsResultEntry result = put.records().get(i);
                expectedPerShard.computeIfAbsent(result.shardId(), k -> new ArrayList<>()).add(batch.get(i));
            }
        }

        List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
        assertThat(shards).hasSize(2);
        assertThat(expectedPerShard).as("partition keys spread over both shards").hasSize(2);
        Map<String, List<Tick>> readPerShard = new LinkedHashMap<>();
        for (Shard shard : shards) {
            readPerShard.put(shard.shardId(), readAll(client, stream, shard.shardId()));
        }

        assertThat(readPerShard).isEqualTo(expectedPerShard);
        assertThat(readPerShard.values().stream().mapToInt(List::size).sum()).isEqualTo(1000);
    }

    /**
     * The known difference from the service (DESIGN.md §2) that every client of ours works around
     * by naming streams: if a kinesalite upgrade starts taking ARNs, this fails and the note can go.
     */
    @Test
    void aRequestNamingTheStreamByArnAloneIsRejected(Kinesalite kinesis) {
        String arn = kinesis.createStream("by-arn", 1);
        assertThatThrownBy(() -> kinesis.client().listShards(b -> b.streamARN(arn)))
                .isInstanceOf(KinesisException.class);
        assertThat(kinesis.client().listShards(b -> b.streamName("by-arn")).shards()).hasSize(1);
    }

    private static List<Tick> readAll(KinesisClient client, String stream, String shardId) {
        String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Tick> ticks = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse r = client.getRecords(b -> b.shardIterator(current).limit(300));
            for (Record record : r.records()) {
                DecodeResult decoded = WireCodec.decode(record.data().asByteArray(), Long.MAX_VALUE / 2);
                assertThat(decoded.isTick()).as(decoded.toString()).isTrue();
                ticks.add(decoded.tick());
            }
            if (r.records().isEmpty() && r.millisBehindLatest() == 0) {
                break;
            }
            iterator = r.nextShardIterator();
        }
        return ticks;
    }
}
