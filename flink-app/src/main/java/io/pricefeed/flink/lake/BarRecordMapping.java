package io.pricefeed.flink.lake;

import io.pricefeed.model.Bar;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Final bars as lake rows: the {@code bars} table of DESIGN.md §5, column for column the
 * {@code bars} view of {@code athena/local/views.sql} and {@code athena/ddl/bars.sql}
 * (symbol, bar_start, bar_end, open, high, low, close, vwap, volume, tick_count, revision).
 * {@code timeframe} and {@code trade_date} are partition folders, not columns.
 */
public final class BarRecordMapping extends AvroRecordMapping<Bar> {
    private static final long serialVersionUID = 1L;

    public static final BarRecordMapping INSTANCE = new BarRecordMapping();

    /** vwap is the only nullable column: a history candle has no turnover (NaN in the model). */
    public static final Schema SCHEMA = SchemaBuilder.record("Bar").namespace("io.pricefeed.lake")
            .doc("A final OHLCV bar (DESIGN.md §5); partitioned by timeframe and IST trade_date")
            .fields()
            .requiredString("symbol")
            .name("bar_start").type(timestampMillis()).noDefault()
            .name("bar_end").type(timestampMillis()).noDefault()
            .requiredDouble("open")
            .requiredDouble("high")
            .requiredDouble("low")
            .requiredDouble("close")
            .optionalDouble("vwap")
            .requiredLong("volume")
            .requiredLong("tick_count")
            .requiredInt("revision")
            .endRecord();

    private BarRecordMapping() {
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public GenericRecord toRecord(Bar bar) {
        if (!bar.isFinalBar()) {
            // A forming bar changes until it closes; the lake is the record of final bars only.
            throw new IllegalArgumentException("only final bars belong in the lake, got a live one: " + bar);
        }
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("symbol", required(bar.getSymbol(), "symbol", bar));
        r.put("bar_start", bar.getBarStart());
        r.put("bar_end", bar.getBarEnd());
        r.put("open", bar.getOpen());
        r.put("high", bar.getHigh());
        r.put("low", bar.getLow());
        r.put("close", bar.getClose());
        r.put("vwap", Double.isNaN(bar.getVwap()) ? null : bar.getVwap());
        r.put("volume", bar.getVolume());
        r.put("tick_count", bar.getTickCount());
        r.put("revision", bar.getRevision());
        return r;
    }

    /**
     * The bar a row holds. The timeframe is left null (it is the partition folder, which the
     * caller knows) and the bar is final: the lake holds final bars only.
     */
    @Override
    public Bar fromRecord(GenericRecord r) {
        Object vwap = r.get("vwap");
        return new Bar(string(r, "symbol"), null, millis(r, "bar_start"), millis(r, "bar_end"),
                doubleValue(r, "open"), doubleValue(r, "high"), doubleValue(r, "low"),
                doubleValue(r, "close"), vwap == null ? Double.NaN : ((Number) vwap).doubleValue(),
                longValue(r, "volume"), longValue(r, "tick_count"), intValue(r, "revision"), true);
    }
}
