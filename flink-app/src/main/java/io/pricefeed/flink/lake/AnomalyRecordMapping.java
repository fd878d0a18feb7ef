package io.pricefeed.flink.lake;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Anomaly events as lake rows: DESIGN.md §3/§6 and the {@code anomalies} view of
 * {@code athena/local/views.sql} (id, symbol, rule, severity, ts, bar_start, timeframe, value,
 * threshold, message, context as map&lt;string,double&gt;). Unlike bars, timeframe is a column
 * here; {@code trade_date} is the partition folder. Enums are written by name (rule, severity) or
 * label (timeframe), as on the wire.
 */
public final class AnomalyRecordMapping extends AvroRecordMapping<Anomaly> {
    private static final long serialVersionUID = 1L;

    public static final AnomalyRecordMapping INSTANCE = new AnomalyRecordMapping();

    /**
     * Context values are nullable: the map is filled by each rule with whatever numbers it used,
     * and one missing number must not fail the whole sink.
     */
    public static final Schema SCHEMA = SchemaBuilder.record("Anomaly").namespace("io.pricefeed.lake")
            .doc("An anomaly event (DESIGN.md §3, §6); partitioned by IST trade_date of ts")
            .fields()
            .requiredString("id")
            .requiredString("symbol")
            .requiredString("rule")
            .requiredString("severity")
            .name("ts").type(timestampMillis()).noDefault()
            .name("bar_start").type(timestampMillis()).noDefault()
            .requiredString("timeframe")
            .requiredDouble("value")
            .requiredDouble("threshold")
            .requiredString("message")
            .name("context").type().map().values().nullable().doubleType().noDefault()
            .endRecord();

    private AnomalyRecordMapping() {
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public GenericRecord toRecord(Anomaly a) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", required(a.getId(), "id", a));
        r.put("symbol", required(a.getSymbol(), "symbol", a));
        r.put("rule", required(a.getRule(), "rule", a).name());
        r.put("severity", required(a.getSeverity(), "severity", a).name());
        r.put("ts", a.getTs());
        r.put("bar_start", a.getBarStart());
        r.put("timeframe", required(a.getTimeframe(), "timeframe", a).label());
        r.put("value", a.getValue());
        r.put("threshold", a.getThreshold());
        r.put("message", required(a.getMessage(), "message", a));
        r.put("context", a.getContext() == null ? new LinkedHashMap<String, Double>() : a.getContext());
        return r;
    }

    @Override
    public Anomaly fromRecord(GenericRecord r) {
        Map<String, Double> context = new LinkedHashMap<>();
        Object raw = r.get("context");
        if (raw != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                Object v = e.getValue();
                context.put(e.getKey().toString(), v == null ? null : ((Number) v).doubleValue());
            }
        }
        return new Anomaly(string(r, "id"), string(r, "symbol"),
                AnomalyRule.valueOf(string(r, "rule")), Severity.valueOf(string(r, "severity")),
                millis(r, "ts"), millis(r, "bar_start"), Timeframe.parse(string(r, "timeframe")),
                doubleValue(r, "value"), doubleValue(r, "threshold"), string(r, "message"), context);
    }
}
