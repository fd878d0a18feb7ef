package io.pricefeed.flink.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/** Decodes each Kinesis record of the ticks stream as it is read; bad records become rejections, never exceptions. */
public class TickStreamDeserializer implements KinesisDeserializationSchema<TickStreamRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public TickStreamRecord deserialize(byte[] recordValue, String partitionKey, String seqNum,
                                        long approxArrivalTimestamp, String stream, String shardId) {
        return TickStreamRecord.decode(recordValue, approxArrivalTimestamp, System.currentTimeMillis()).fromShard(shardId);
    }

    @Override
    public TypeInformation<TickStreamRecord> getProducedType() {
        return TypeInformation.of(TickStreamRecord.class);
    }
}
