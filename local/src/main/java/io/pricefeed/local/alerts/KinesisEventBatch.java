package io.pricefeed.local.alerts;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** KCL records as the {@code KinesisEvent} a Lambda Kinesis trigger would deliver. */
final class KinesisEventBatch {
    private KinesisEventBatch() {
    }

    static KinesisEvent of(List<KinesisClientRecord> records) {
        List<KinesisEvent.KinesisEventRecord> out = new ArrayList<>(records.size());
        for (KinesisClientRecord r : records) {
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setSequenceNumber(r.sequenceNumber());
            k.setPartitionKey(r.partitionKey());
            k.setData(r.data().asReadOnlyBuffer());
            if (r.approximateArrivalTimestamp() != null) {
                k.setApproximateArrivalTimestamp(Date.from(r.approximateArrivalTimestamp()));
            }
            KinesisEvent.KinesisEventRecord e = new KinesisEvent.KinesisEventRecord();
            e.setKinesis(k);
            e.setEventSource("aws:kinesis");
            out.add(e);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(out);
        return event;
    }
}
