package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.util.InstantiationUtil;
import org.apache.parquet.avro.AvroParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer and the compaction reader without a cluster: what one writes the other reads back. */
class ParquetBulkWriterFactoryTest {
    @TempDir
    Path dir;

    private <T> List<T> writeAndReadBack(AvroRecordMapping<T> mapping, List<T> records, String name) throws Exception {
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(dir.resolve(name).toUri());
        // Both factories travel inside the job graph: they must survive Java serialization.
        ParquetBulkWriterFactory<T> writers = InstantiationUtil.clone(new ParquetBulkWriterFactory<>(mapping));
        ParquetRecordReaderFactory<T> readers = InstantiationUtil.clone(new ParquetRecordReaderFactory<>(mapping));

        try (FSDataOutputStream out = file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<T> writer = writers.create(out);
            for (T r : records) {
                writer.addElement(r);
            }
            writer.finish();
        }
        List<T> back = new ArrayList<>();
        RecordWiseFileCompactor.Reader<T> reader = readers.createFor(file);
        try {
            for (T r = reader.read(); r != null; r = reader.read()) {
                back.add(r);
            }
        } finally {
            reader.close();
        }
        return back;
    }

    @Test
    void barsComeBackWithTheirColumns() throws Exception {
        List<Bar> bars = LakeFixtures.bars();
        List<Bar> back = writeAndReadBack(BarRecordMapping.INSTANCE, bars, "bars.parquet");
        assertThat(back).hasSameSizeAs(bars);
        for (int i = 0; i < bars.size(); i++) {
            back.get(i).setTimeframe(bars.get(i).getTimeframe());
        }
        assertThat(back).containsExactlyElementsOf(bars);
    }

    /** What compaction meets right after an upgrade that added a nullable column. */
    @Test
    void filesWrittenBeforeANullableColumnExistedReadItAsNull() throws Exception {
        Schema withoutVwap = SchemaBuilder.record("Bar").namespace("io.pricefeed.lake").fields()
                .requiredString("symbol")
                .name("bar_start").type(BarRecordMapping.SCHEMA.getField("bar_start").schema()).noDefault()
                .name("bar_end").type(BarRecordMapping.SCHEMA.getField("bar_end").schema()).noDefault()
                .requiredDouble("open").requiredDouble("high").requiredDouble("low").requiredDouble("close")
                .requiredLong("volume").requiredLong("tick_count").requiredInt("revision")
                .endRecord();
        Bar bar = LakeFixtures.bars().get(0);
        GenericRecord old = new GenericData.Record(withoutVwap);
        for (Schema.Field f : withoutVwap.getFields()) {
            old.put(f.name(), BarRecordMapping.INSTANCE.toRecord(bar).get(f.name()));
        }
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(dir.resolve("old.parquet").toUri());
        ParquetWriterFactory<GenericRecord> oldWriters = new ParquetWriterFactory<>(
                out -> AvroParquetWriter.<GenericRecord>builder(out).withSchema(withoutVwap).build());
        try (FSDataOutputStream out = file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<GenericRecord> writer = oldWriters.create(out);
            writer.addElement(old);
            writer.finish();
        }

        RecordWiseFileCompactor.Reader<Bar> reader = new ParquetRecordReaderFactory<>(BarRecordMapping.INSTANCE)
                .createFor(file);
        try {
            Bar back = reader.read();
            assertThat(back.getVwap()).isNaN();
            assertThat(back.getClose()).isEqualTo(bar.getClose());
            assertThat(reader.read()).isNull();
        } finally {
            reader.close();
        }
    }

    @Test
    void anomaliesComeBackWithTheirContext() throws Exception {
        List<Anomaly> anomalies = LakeFixtures.anomalies();
        assertThat(writeAndReadBack(AnomalyRecordMapping.INSTANCE, anomalies, "anomalies.parquet"))
                .containsExactlyElementsOf(anomalies);
    }
}
