package io.pricefeed.producer.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Which records of a PutRecords call to send again: only the failed ones, in order. */
class PutOutcomeTest {
    private static OutgoingRecord r(String key) {
        return new OutgoingRecord(OutgoingRecord.Kind.TICK, key, null, new byte[] {1});
    }

    private static PutRecordsResultEntry ok(String shard) {
        return PutRecordsResultEntry.builder().shardId(shard).sequenceNumber("1").build();
    }

    private static PutRecordsResultEntry failed(String code) {
        return PutRecordsResultEntry.builder().errorCode(code).errorMessage("Rate exceeded for shard").build();
    }

    @Test
    void onlyTheFailedRecordsAreRetriedInTheirOrder() {
        List<OutgoingRecord> request = List.of(r("a"), r("b"), r("c"), r("d"));
        PutRecordsResponse response = PutRecordsResponse.builder().failedRecordCount(2).records(
                ok("shardId-000000000000"), failed(PutOutcome.THROUGHPUT_EXCEEDED), ok("shardId-000000000001"),
                failed("InternalFailure")).build();

        PutOutcome outcome = PutOutcome.of(request, response);

        assertThat(outcome.failed()).containsExactly(request.get(1), request.get(3));
        assertThat(outcome.stored()).containsExactly(request.get(0), request.get(2));
        assertThat(outcome.throughputExceeded()).isEqualTo(1);
        assertThat(outcome.shardIds()).containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
        assertThat(outcome.firstError()).startsWith(PutOutcome.THROUGHPUT_EXCEEDED);
    }

    @Test
    void aFullSuccessLeavesNothingToRetry() {
        PutOutcome outcome = PutOutcome.of(List.of(r("a")), PutRecordsResponse.builder().failedRecordCount(0)
                .records(ok("shardId-000000000000")).build());
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.firstError()).isNull();
    }

    @Test
    void aResponseThatDoesNotMatchTheRequestIsAnError() {
        assertThatThrownBy(() -> PutOutcome.of(List.of(r("a"), r("b")), PutRecordsResponse.builder().records(ok("s")).build()))
                .isInstanceOf(IllegalStateException.class);
    }
}
