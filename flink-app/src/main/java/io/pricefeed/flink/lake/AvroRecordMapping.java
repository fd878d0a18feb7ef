package io.pricefeed.flink.lake;

import java.io.Serializable;
import java.time.Instant;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * How one model type is laid out as lake columns: its Avro schema (which parquet-avro turns into
 * the Parquet schema) and the conversions both ways.
 *
 * <p>The way back ({@link #fromRecord}) exists because Flink's record-wise compaction hands the
 * compacted file's writer the sink's own type: small files are read back into model objects and
 * written again. It is also what a replay from the tick archive reads with. Only the columns
 * round-trip; what lives in the partition path (a bar's timeframe) is not in the file.
 *
 * <p>Implementations are stateless, so the copies Flink serializes into the job graph are
 * interchangeable.
 */
public abstract class AvroRecordMapping<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The lake's column contract for {@code T}; the same instance for every call. */
    public abstract Schema schema();

    public abstract GenericRecord toRecord(T value);

    public abstract T fromRecord(GenericRecord record);

    /**
     * Instants are INT64 epoch millis annotated {@code TIMESTAMP(MILLIS, UTC)}: Athena reads them as
     * {@code timestamp}, DuckDB as {@code TIMESTAMP WITH TIME ZONE}, and the local views normalise
     * both with {@code epoch_us}. Millis because that is the model's precision; INT96 is deprecated.
     */
    protected static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    /** A required field, named in the error when a caller hands over null. */
    protected static <V> V required(V value, String column, Object owner) {
        if (value == null) {
            throw new IllegalArgumentException("lake column '" + column + "' must not be null: " + owner);
        }
        return value;
    }

    // Reading back: Avro hands strings over as Utf8 and, with a data model that registers
    // logical-type conversions, timestamps as Instant; accept both so any reader model works.

    protected static String string(GenericRecord record, String column) {
        Object value = record.get(column);
        return value == null ? null : value.toString();
    }

    protected static long millis(GenericRecord record, String column) {
        Object value = required(record.get(column), column, record);
        return value instanceof Instant ? ((Instant) value).toEpochMilli() : ((Number) value).longValue();
    }

    protected static long longValue(GenericRecord record, String column) {
        return ((Number) required(record.get(column), column, record)).longValue();
    }

    protected static int intValue(GenericRecord record, String column) {
        return ((Number) required(record.get(column), column, record)).intValue();
    }

    protected static double doubleValue(GenericRecord record, String column) {
        return ((Number) required(record.get(column), column, record)).doubleValue();
    }
}
