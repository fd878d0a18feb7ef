package io.pricefeed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.ingest.TickStreamRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The corpus {@link MalformedInputITCase} feeds the job: each record is refused by the codec with its stated reason. */
class MalformedRecordsTest {
    private static final long NOW = 1_779_500_000_000L;
    private static final long FROM = 1_773_135_000_000L;

    private final List<MalformedRecords.Record> corpus = MalformedRecords.generate(10, 10_000, NOW, FROM, FROM + 1_800_000);

    @Test
    void everyRecordIsRejectedWithItsStatedReason() {
        for (MalformedRecords.Record r : corpus) {
            TickStreamRecord decoded = TickStreamRecord.decode(r.raw, NOW, NOW);
            assertThat(decoded.rejection).as(r.toString()).isNotNull();
            assertThat(decoded.rejection.getReason()).as(r.toString()).isEqualTo(r.reason);
            assertThat(decoded.rejection.getRaw()).isEqualTo(r.rawText());
        }
    }

    @Test
    void everyKindIsThereInBulkAndTheOversizedOnesFitAKinesisRecord() {
        Map<MalformedRecords.Kind, Long> kinds = corpus.stream()
                .collect(Collectors.groupingBy(r -> r.kind, () -> new EnumMap<>(MalformedRecords.Kind.class), Collectors.counting()));
        assertThat(kinds).hasSize(MalformedRecords.Kind.values().length).allSatisfy((k, n) -> assertThat(n).isEqualTo(1_250));
        assertThat(corpus.stream().mapToInt(r -> r.raw.length).max().orElseThrow()).isBetween(1_000_000, 1_048_576 - 256);
        assertThat(corpus.stream().map(r -> r.reason).distinct()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(MalformedRecords.generate(10, 10_000, NOW, FROM, FROM + 1_800_000))
                .extracting(MalformedRecords.Record::rawText).isEqualTo(corpus.stream().map(MalformedRecords.Record::rawText)
                        .collect(Collectors.toList()));
    }
}
