package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The column contract (DESIGN.md §5, athena/local/views.sql) and the conversions both ways. */
class AvroRecordMappingTest {

    private static List<String> columns(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toList());
    }

    @Test
    void barColumnsAreThoseOfTheBarsTableWithoutItsPartitions() {
        assertThat(columns(BarRecordMapping.SCHEMA)).containsExactly("symbol", "bar_start", "bar_end", "open", "high",
                "low", "close", "vwap", "volume", "tick_count", "revision");
        assertThat(BarRecordMapping.SCHEMA.getField("bar_start").schema().getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
        assertThat(BarRecordMapping.SCHEMA.getField("vwap").schema().isNullable()).isTrue();
        assertThat(BarRecordMapping.SCHEMA.getField("revision").schema().getType()).isEqualTo(Schema.Type.INT);
    }

    @Test
    void tickAndAnomalyColumnsAreThoseOfTheirViews() {
        assertThat(columns(TickRecordMapping.SCHEMA)).containsExactly("symbol", "ts", "ltp", "cum_volume", "atp",
                "day_open", "day_high", "day_low", "prev_close", "bid", "ask");
        assertThat(columns(AnomalyRecordMapping.SCHEMA)).containsExactly("id", "symbol", "rule", "severity", "ts",
                "bar_start", "timeframe", "value", "threshold", "message", "context");
        assertThat(AnomalyRecordMapping.SCHEMA.getField("context").schema().getType()).isEqualTo(Schema.Type.MAP);
    }

    @Test
    void aBarRoundTripsThroughItsRowWithNanVwapAsNull() {
        for (Bar bar : LakeFixtures.bars()) {
            GenericRecord row = BarRecordMapping.INSTANCE.toRecord(bar);
            assertThat(row.get("vwap")).isEqualTo(Double.isNaN(bar.getVwap()) ? null : bar.getVwap());
            Bar back = BarRecordMapping.INSTANCE.fromRecord(row);
            // The timeframe is the partition folder, not a column.
            back.setTimeframe(bar.getTimeframe());
            assertThat(back).isEqualTo(bar);
        }
    }

    @Test
    void ticksAndAnomaliesRoundTripThroughTheirRows() {
        for (Tick tick : LakeFixtures.ticks()) {
            assertThat(TickRecordMapping.INSTANCE.fromRecord(TickRecordMapping.INSTANCE.toRecord(tick))).isEqualTo(tick);
        }
        for (Anomaly anomaly : LakeFixtures.anomalies()) {
            assertThat(AnomalyRecordMapping.INSTANCE.fromRecord(AnomalyRecordMapping.INSTANCE.toRecord(anomaly)))
                    .isEqualTo(anomaly);
        }
    }

    @Test
    void timestampsReadBackWhetherTheReaderConvertsThemToInstantsOrNot() {
        Tick tick = LakeFixtures.ticks().get(0);
        GenericRecord row = TickRecordMapping.INSTANCE.toRecord(tick);
        row.put("ts", Instant.ofEpochMilli(tick.getTs()));
        assertThat(TickRecordMapping.INSTANCE.fromRecord(row).getTs()).isEqualTo(tick.getTs());
    }

    @Test
    void onlyFinalBarsBelongInTheLake() {
        Bar live = LakeFixtures.bars().get(0).copy();
        live.setFinalBar(false);
        assertThatThrownBy(() -> BarRecordMapping.INSTANCE.toRecord(live))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only final bars");
    }

    @Test
    void aMissingRequiredValueNamesTheColumn() {
        Bar noSymbol = new Bar(null, Timeframe.M1, 0, 60_000, 1, 1, 1, 1, 1, 1, 1, 0, true);
        assertThatThrownBy(() -> BarRecordMapping.INSTANCE.toRecord(noSymbol))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'symbol'");
        Anomaly noTimeframe = LakeFixtures.anomalies().get(0);
        noTimeframe.setTimeframe(null);
        assertThatThrownBy(() -> AnomalyRecordMapping.INSTANCE.toRecord(noTimeframe))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'timeframe'");
    }
}
