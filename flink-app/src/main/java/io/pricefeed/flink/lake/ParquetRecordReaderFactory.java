package io.pricefeed.flink.lake;

import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.avro.AvroParquetReaders;

/**
 * Reads a small Parquet file back into model objects, so {@code RecordWiseFileCompactor} can
 * rewrite many of them as one.
 *
 * <p>Why not {@code DecoderBasedReader}: its decoder gets a plain {@code InputStream}, but Parquet
 * needs random access (the footer is at the end). Flink's {@code AvroParquetReaders} stream format
 * reads from a seekable {@link FSDataInputStream} of any Flink file system (local, S3), so this
 * adapts that format to the compactor's reader interface.
 */
public final class ParquetRecordReaderFactory<T> implements RecordWiseFileCompactor.Reader.Factory<T> {
    private static final long serialVersionUID = 1L;

    private static final ConfigOption<String> AVRO_READ_SCHEMA =
            ConfigOptions.key("flink.hadoop.parquet.avro.read.schema").stringType().noDefaultValue();

    private final AvroRecordMapping<T> mapping;

    public ParquetRecordReaderFactory(AvroRecordMapping<T> mapping) {
        this.mapping = mapping;
    }

    @Override
    public RecordWiseFileCompactor.Reader<T> createFor(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        long length = fs.getFileStatus(path).getLen();
        FSDataInputStream in = fs.open(path);
        try {
            StreamFormat.Reader<GenericRecord> records = AvroParquetReaders.forGenericRecord(mapping.schema())
                    .createReader(readerConfiguration(), in, length, length);
            return new MappedReader<>(records, mapping);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw new IOException("cannot read Parquet file " + path + " for compaction", e);
        }
    }

    /**
     * Reads every file with the current schema as the Avro read schema (the key behind
     * {@code AvroReadSupport.setAvroReadSchema}): after an upgrade that adds a nullable column, files
     * written by the old job are compacted into the new layout instead of failing the mapping.
     * Flink hands {@code flink.hadoop.*} entries to the Hadoop configuration Parquet reads with; with
     * one present it also knows a configuration was given and does not warn that none was found.
     */
    private Configuration readerConfiguration() {
        Configuration conf = new Configuration();
        conf.set(AVRO_READ_SCHEMA, mapping.schema().toString());
        return conf;
    }

    private static final class MappedReader<T> implements RecordWiseFileCompactor.Reader<T> {
        private final StreamFormat.Reader<GenericRecord> records;
        private final AvroRecordMapping<T> mapping;

        MappedReader(StreamFormat.Reader<GenericRecord> records, AvroRecordMapping<T> mapping) {
            this.records = records;
            this.mapping = mapping;
        }

        @Override
        public T read() throws IOException {
            GenericRecord record = records.read();
            return record == null ? null : mapping.fromRecord(record);
        }

        @Override
        public void close() throws IOException {
            // Closes the Parquet reader, which closes the file stream it was given.
            records.close();
        }
    }
}
