package io.pricefeed.flink.lake;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes model objects as Snappy-compressed Parquet files, through their {@link AvroRecordMapping}.
 *
 * <p>Built on {@code AvroParquetWriter} directly rather than Flink's {@code AvroParquetWriters},
 * which leaves the codec at Parquet's default (uncompressed); DESIGN.md §5 and the Athena table
 * ({@code parquet.compression=SNAPPY}) ask for Snappy.
 *
 * <p>Public so that a tool can write lake files exactly as the sinks do (bench's replay lake).
 */
public final class ParquetBulkWriterFactory<T> implements BulkWriter.Factory<T> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordMapping<T> mapping;
    private final ParquetWriterFactory<GenericRecord> parquet;

    public ParquetBulkWriterFactory(AvroRecordMapping<T> mapping) {
        this.mapping = mapping;
        this.parquet = new ParquetWriterFactory<>(snappyWriter(mapping));
    }

    private static ParquetBuilder<GenericRecord> snappyWriter(AvroRecordMapping<?> mapping) {
        // GenericData without logical-type conversions: timestamps go in as the model's epoch millis.
        return out -> AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(mapping.schema())
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        BulkWriter<GenericRecord> records = parquet.create(out);
        return new BulkWriter<T>() {
            @Override
            public void addElement(T element) throws IOException {
                records.addElement(mapping.toRecord(element));
            }

            @Override
            public void flush() throws IOException {
                records.flush();
            }

            @Override
            public void finish() throws IOException {
                records.finish();
            }
        };
    }
}
