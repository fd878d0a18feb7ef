package io.pricefeed.flink.lake;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * A bounded source of fixture records, a few per checkpoint, so a test job spans several
 * checkpoints the way a live job does. The records come from a static fixture method rather than
 * a captured list: the model classes are not {@code Serializable}.
 */
final class FixtureSource {
    private FixtureSource() {
    }

    static <T> DataGeneratorSource<T> of(SerializableSupplier<List<T>> records, int count, int perCheckpoint,
                                         Class<T> type) {
        return new DataGeneratorSource<>(new ListGenerator<>(records), count,
                RateLimiterStrategy.perCheckpoint(perCheckpoint), TypeInformation.of(type));
    }

    private static final class ListGenerator<T> implements GeneratorFunction<Long, T> {
        private static final long serialVersionUID = 1L;
        private final SerializableSupplier<List<T>> records;
        private transient List<T> list;

        ListGenerator(SerializableSupplier<List<T>> records) {
            this.records = records;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            list = records.get();
        }

        @Override
        public T map(Long index) {
            return list.get(index.intValue());
        }
    }
}
