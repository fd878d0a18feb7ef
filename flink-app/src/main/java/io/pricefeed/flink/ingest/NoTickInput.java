package io.pricefeed.flink.ingest;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** No ticks at all: a job whose bars all come from a {@link BarInput} (a backfill). */
public final class NoTickInput implements TickInput {
    @Override
    public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
        // Flink's collection sources refuse an empty collection; one number that maps to nothing is the empty stream.
        return env.fromSequence(0, 0).flatMap(new Nothing()).returns(TypeInformation.of(TickStreamRecord.class)).name("No ticks");
    }

    private static final class Nothing implements FlatMapFunction<Long, TickStreamRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long value, Collector<TickStreamRecord> out) {
            // nothing: there are no ticks
        }
    }
}
