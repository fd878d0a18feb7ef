package io.pricefeed.producer.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Fault injection at the AWS SDK boundary (not a mock of project code): kinesalite never
 * throttles, so this {@link ExecutionInterceptor} on the producer's own Kinesis client makes some
 * entries of real {@code PutRecords} calls fail as Kinesis does when a shard is over its write
 * limit. The chosen entries are taken out of the request before it is sent (so they are not
 * stored) and come back in the response, at their positions, as
 * {@code ProvisionedThroughputExceededException} entries with the call's {@code FailedRecordCount}
 * raised to match, exactly the partial failure Kinesis returns. The rest goes to kinesalite
 * and its answers are kept. Which entries fail is drawn from a seeded stream.
 */
public final class ThroughputExceededInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<boolean[]> THROTTLED = new ExecutionAttribute<>("pricefeed.throttled-entries");

    private final double probability;
    private final Random random;
    private final AtomicLong throttled = new AtomicLong();
    private volatile boolean enabled = true;

    /** Each entry of each call fails with {@code probability} (one entry per call always goes through). */
    public ThroughputExceededInjector(double probability, long seed) {
        this.probability = probability;
        this.random = new Random(seed);
    }

    /** Entries answered with ProvisionedThroughputExceeded so far. */
    public long throttled() {
        return throttled.get();
    }

    /** Stops injecting (puts go through untouched from now on). */
    public void disable() {
        enabled = false;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!enabled || !(context.request() instanceof PutRecordsRequest)) {
            return context.request();
        }
        PutRecordsRequest request = (PutRecordsRequest) context.request();
        List<PutRecordsRequestEntry> entries = request.records();
        boolean[] fail = new boolean[entries.size()];
        List<PutRecordsRequestEntry> kept = new ArrayList<>(entries.size());
        synchronized (random) {
            // A PutRecords call needs at least one entry: the first always goes through.
            for (int i = 0; i < entries.size(); i++) {
                fail[i] = i > 0 && random.nextDouble() < probability;
                if (!fail[i]) {
                    kept.add(entries.get(i));
                }
            }
        }
        attributes.putAttribute(THROTTLED, fail);
        return request.toBuilder().records(kept).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        boolean[] fail = attributes.getAttribute(THROTTLED);
        if (fail == null || !(context.response() instanceof PutRecordsResponse)) {
            return context.response();
        }
        PutRecordsResponse response = (PutRecordsResponse) context.response();
        List<PutRecordsResultEntry> results = new ArrayList<>(fail.length);
        int next = 0;
        int failed = 0;
        for (boolean f : fail) {
            if (f) {
                results.add(PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("Rate exceeded for shard in stream under account 000000000000.").build());
                failed++;
            } else {
                results.add(response.records().get(next++));
            }
        }
        throttled.addAndGet(failed);
        int before = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
        return response.toBuilder().records(results).failedRecordCount(before + failed).build();
    }
}
