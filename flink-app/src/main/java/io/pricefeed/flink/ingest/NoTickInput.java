package io.pricefeed.flink.ingest;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** No ticks at all: a job whose bars all come from a {@link BarInput} (a backfill). */
public final class NoTickInput implements TickInput {
    @Override
    public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
        return env.fromData(List.of(), TypeInformation.of(TickStreamRecord.class)).name("No ticks");
    }
}
