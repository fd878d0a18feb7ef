package io.pricefeed.flink.lake;

import io.pricefeed.model.Tick;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Accepted ticks as lake rows: the tick archive of DESIGN.md §5 and the replay source, the
 * {@code ticks} view of {@code athena/local/views.sql} (the model's Tick fields in snake_case).
 * {@code trade_date} is the partition folder. Every column is required: the model uses 0, not
 * null, for an unknown price (as Fyers reports it).
 */
public final class TickRecordMapping extends AvroRecordMapping<Tick> {
    private static final long serialVersionUID = 1L;

    public static final TickRecordMapping INSTANCE = new TickRecordMapping();

    public static final Schema SCHEMA = SchemaBuilder.record("Tick").namespace("io.pricefeed.lake")
            .doc("An accepted quote tick (DESIGN.md §3, §5); partitioned by IST trade_date of ts")
            .fields()
            .requiredString("symbol")
            .name("ts").type(timestampMillis()).noDefault()
            .requiredDouble("ltp")
            .requiredLong("cum_volume")
            .requiredDouble("atp")
            .requiredDouble("day_open")
            .requiredDouble("day_high")
            .requiredDouble("day_low")
            .requiredDouble("prev_close")
            .requiredDouble("bid")
            .requiredDouble("ask")
            .endRecord();

    private TickRecordMapping() {
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public GenericRecord toRecord(Tick t) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("symbol", required(t.getSymbol(), "symbol", t));
        r.put("ts", t.getTs());
        r.put("ltp", t.getLtp());
        r.put("cum_volume", t.getCumVolume());
        r.put("atp", t.getAtp());
        r.put("day_open", t.getDayOpen());
        r.put("day_high", t.getDayHigh());
        r.put("day_low", t.getDayLow());
        r.put("prev_close", t.getPrevClose());
        r.put("bid", t.getBid());
        r.put("ask", t.getAsk());
        return r;
    }

    @Override
    public Tick fromRecord(GenericRecord r) {
        return new Tick(string(r, "symbol"), millis(r, "ts"), doubleValue(r, "ltp"),
                longValue(r, "cum_volume"), doubleValue(r, "atp"), doubleValue(r, "day_open"),
                doubleValue(r, "day_high"), doubleValue(r, "day_low"), doubleValue(r, "prev_close"),
                doubleValue(r, "bid"), doubleValue(r, "ask"));
    }
}
