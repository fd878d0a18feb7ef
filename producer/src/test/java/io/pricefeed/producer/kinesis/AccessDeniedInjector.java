package io.pricefeed.producer.kinesis;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;

/**
 * Fault injection at the AWS SDK boundary (not a mock of project code): every {@code PutRecords}
 * of the producer's real client is answered as Kinesis answers a role without
 * {@code kinesis:PutRecords}, HTTP 400 with an {@code AccessDeniedException} body, which the SDK
 * turns into its own exception as it would the service's. The request is sent to a stream that
 * does not exist, so kinesalite stores none of the records.
 */
final class AccessDeniedInjector implements ExecutionInterceptor {
    private static final byte[] BODY = ("{\"__type\":\"AccessDeniedException\",\"message\":\"User: "
            + "arn:aws:sts::000000000000:assumed-role/producer/task is not authorized to perform: kinesis:PutRecords "
            + "because no identity-based policy allows the kinesis:PutRecords action\"}").getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger denied = new AtomicInteger();

    /** PutRecords calls answered with AccessDenied so far. */
    int denied() {
        return denied.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest)) {
            return context.request();
        }
        return ((PutRecordsRequest) context.request()).toBuilder().streamName("access-denied-injector-sink").build();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest)) {
            return context.httpResponse();
        }
        denied.incrementAndGet();
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
                .putHeader("x-amzn-ErrorType", "AccessDeniedException")
                .putHeader("Content-Length", Integer.toString(BODY.length))
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest)) {
            return context.responseBody();
        }
        return Optional.of(new ByteArrayInputStream(BODY));
    }
}
