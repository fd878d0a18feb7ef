package io.pricefeed.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON wire format of DESIGN.md §3: one object per Kinesis record, UTF-8.
 *
 * <p>Decoding never throws on bad input: it returns a {@link DecodeResult} holding either the
 * record or a {@link Rejection} with a reason code and the raw payload. Unknown fields are
 * ignored; a required field that is absent or null is {@code missing_field:<name>}.
 *
 * <table>
 *   <caption>Fields per type</caption>
 *   <tr><th>type</th><th>required</th><th>optional (default)</th></tr>
 *   <tr><td>tick</td><td>symbol ts ltp cumVolume atp</td>
 *       <td>dayOpen dayHigh dayLow prevClose bid ask (0 = unknown, as Fyers reports it)</td></tr>
 *   <tr><td>heartbeat</td><td>ts source</td><td></td></tr>
 *   <tr><td>anomaly</td><td>id symbol rule severity ts barStart timeframe value threshold message</td>
 *       <td>context (numeric entries; others are ignored)</td></tr>
 * </table>
 *
 * <p>A record that is not valid UTF-8 is {@code malformed_json}. Values are checked as the design asks
 * (and prices above {@link #MAX_PRICE} refused, which it does not ask): {@code ltp} must be finite and positive, other
 * prices finite and not negative ({@code bad_price}); {@code cumVolume} not negative
 * ({@code bad_volume}); {@code ts} positive ({@code bad_timestamp}) and at most
 * {@link #MAX_FUTURE_SKEW_MS} ahead of the caller's clock ({@code future_ts}).
 *
 * <p>Streaming Jackson keeps this allocation-light: it runs once per record in the job.
 */
public final class WireCodec {
    public static final long MAX_FUTURE_SKEW_MS = 5 * 60_000L;
    /**
     * The largest price accepted, in rupees. DESIGN.md §3 rejects only non-finite and non-positive
     * prices, but a finite absurd one (1e308) cannot be stored: DynamoDB numbers end near 1e126
     * and {@code atp x cumVolume} overflows a double, so one such tick failed the job's DynamoDB
     * sink on every restart. NSE's dearest share trades near 1.5e5; 1e9 leaves room for any real
     * price and keeps every derived value finite and storable.
     */
    public static final double MAX_PRICE = 1e9;
    public static final String TYPE_TICK = "tick";
    public static final String TYPE_HEARTBEAT = "heartbeat";
    public static final String TYPE_ANOMALY = "anomaly";

    private static final JsonFactory JSON = new JsonFactory();

    private WireCodec() {
    }

    // ---- encoding ---------------------------------------------------------------------------

    public static byte[] encode(WireRecord record) {
        if (record instanceof Tick) {
            return encode((Tick) record);
        }
        if (record instanceof Heartbeat) {
            return encode((Heartbeat) record);
        }
        if (record instanceof Anomaly) {
            return encode((Anomaly) record);
        }
        throw new IllegalArgumentException("not a wire record: " + record);
    }

    public static byte[] encode(Tick t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE_TICK);
            g.writeStringField("symbol", t.getSymbol());
            g.writeNumberField("ts", t.getTs());
            g.writeNumberField("ltp", t.getLtp());
            g.writeNumberField("cumVolume", t.getCumVolume());
            g.writeNumberField("atp", t.getAtp());
            g.writeNumberField("dayOpen", t.getDayOpen());
            g.writeNumberField("dayHigh", t.getDayHigh());
            g.writeNumberField("dayLow", t.getDayLow());
            g.writeNumberField("prevClose", t.getPrevClose());
            g.writeNumberField("bid", t.getBid());
            g.writeNumberField("ask", t.getAsk());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    public static byte[] encode(Heartbeat h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE_HEARTBEAT);
            g.writeNumberField("ts", h.getTs());
            g.writeStringField("source", h.getSource());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(Anomaly a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE_ANOMALY);
            g.writeStringField("id", a.getId());
            g.writeStringField("symbol", a.getSymbol());
            g.writeStringField("rule", a.getRule().name());
            g.writeStringField("severity", a.getSeverity().name());
            g.writeNumberField("ts", a.getTs());
            g.writeNumberField("barStart", a.getBarStart());
            g.writeStringField("timeframe", a.getTimeframe().label());
            g.writeNumberField("value", a.getValue());
            g.writeNumberField("threshold", a.getThreshold());
            g.writeStringField("message", a.getMessage());
            g.writeObjectFieldStart("context");
            if (a.getContext() != null) {
                for (Map.Entry<String, Double> e : a.getContext().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- decoding ---------------------------------------------------------------------------

    public static DecodeResult decode(String json, long nowMillis) {
        return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8), nowMillis);
    }

    /**
     * Decodes one record. {@code nowMillis} is the clock for the future-timestamp check (the
     * caller's, so tests and replays control it).
     */
    public static DecodeResult decode(byte[] raw, long nowMillis) {
        if (raw == null || raw.length == 0) {
            return DecodeResult.rejected(new Rejection(Rejection.MALFORMED_JSON, "empty record", ""));
        }
        if (!isUtf8(raw)) {
            return DecodeResult.rejected(new Rejection(Rejection.MALFORMED_JSON, "not valid UTF-8", rawText(raw)));
        }
        try {
            Fields f = Fields.parse(raw);
            String type = f.requireString(Fields.TYPE);
            WireRecord record;
            switch (type) {
                case TYPE_TICK:
                    record = tick(f);
                    break;
                case TYPE_HEARTBEAT:
                    record = new Heartbeat(f.requireLong(Fields.TS), f.requireString(Fields.SOURCE));
                    break;
                case TYPE_ANOMALY:
                    record = anomaly(f);
                    break;
                default:
                    throw new Reject(Rejection.UNKNOWN_TYPE, "unknown record type '" + type + "'");
            }
            checkTimestamp(record.getTs(), nowMillis);
            return DecodeResult.of(record);
        } catch (Reject r) {
            return DecodeResult.rejected(new Rejection(r.reason, r.getMessage(), rawText(raw)));
        } catch (IOException | RuntimeException e) {
            // Anything the parser could not make sense of, including number overflow.
            return DecodeResult.rejected(new Rejection(Rejection.MALFORMED_JSON,
                    String.valueOf(e.getMessage()).split("\n", 2)[0], rawText(raw)));
        }
    }

    private static Tick tick(Fields f) {
        Tick t = new Tick();
        t.setSymbol(checkSymbol(f.requireString(Fields.SYMBOL)));
        t.setTs(f.requireLong(Fields.TS));
        t.setLtp(f.requireDouble(Fields.LTP));
        if (!(t.getLtp() > 0) || Double.isInfinite(t.getLtp())) {
            throw new Reject(Rejection.BAD_PRICE, "ltp must be a finite positive price, was " + t.getLtp());
        }
        if (t.getLtp() > MAX_PRICE) {
            throw new Reject(Rejection.BAD_PRICE, "ltp must be at most " + MAX_PRICE + ", was " + t.getLtp());
        }
        t.setCumVolume(f.requireLong(Fields.CUM_VOLUME));
        if (t.getCumVolume() < 0) {
            throw new Reject(Rejection.BAD_VOLUME, "cumVolume must not be negative, was " + t.getCumVolume());
        }
        t.setAtp(price(f, Fields.ATP, true));
        t.setDayOpen(price(f, Fields.DAY_OPEN, false));
        t.setDayHigh(price(f, Fields.DAY_HIGH, false));
        t.setDayLow(price(f, Fields.DAY_LOW, false));
        t.setPrevClose(price(f, Fields.PREV_CLOSE, false));
        t.setBid(price(f, Fields.BID, false));
        t.setAsk(price(f, Fields.ASK, false));
        return t;
    }

    /** A secondary price: finite and not negative; 0 means unknown. */
    private static double price(Fields f, int field, boolean required) {
        double v = required ? f.requireDouble(field) : f.optionalDouble(field, 0.0);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new Reject(Rejection.BAD_PRICE, Fields.NAMES[field] + " must be a finite price >= 0, was " + v);
        }
        if (v > MAX_PRICE) {
            throw new Reject(Rejection.BAD_PRICE, Fields.NAMES[field] + " must be at most " + MAX_PRICE + ", was " + v);
        }
        return v;
    }

    private static Anomaly anomaly(Fields f) {
        Anomaly a = new Anomaly();
        a.setId(f.requireString(Fields.ID));
        a.setSymbol(checkSymbol(f.requireString(Fields.SYMBOL)));
        a.setRule(enumValue(AnomalyRule.class, f, Fields.RULE));
        a.setSeverity(enumValue(Severity.class, f, Fields.SEVERITY));
        a.setTs(f.requireLong(Fields.TS));
        a.setBarStart(f.requireLong(Fields.BAR_START));
        String tf = f.requireString(Fields.TIMEFRAME);
        a.setTimeframe(Timeframe.fromLabel(tf).orElseThrow(() ->
                new Reject(Rejection.badValue("timeframe"), "unknown timeframe '" + tf + "'")));
        a.setValue(f.requireDouble(Fields.VALUE));
        a.setThreshold(f.requireDouble(Fields.THRESHOLD));
        a.setMessage(f.requireString(Fields.MESSAGE));
        a.setContext(f.context);
        return a;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Fields f, int field) {
        String v = f.requireString(field);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new Reject(Rejection.badValue(Fields.NAMES[field]),
                    "unknown " + Fields.NAMES[field] + " '" + v + "'");
        }
    }

    private static void checkTimestamp(long ts, long nowMillis) {
        if (ts <= 0) {
            throw new Reject(Rejection.BAD_TIMESTAMP, "ts must be positive epoch millis, was " + ts);
        }
        if (ts > nowMillis + MAX_FUTURE_SKEW_MS) {
            throw new Reject(Rejection.FUTURE_TS, "ts " + ts + " is " + (ts - nowMillis)
                    + " ms ahead of now (limit " + MAX_FUTURE_SKEW_MS + " ms)");
        }
    }

    /** Fyers-style {@code EXCHANGE:NAME}, e.g. {@code NSE:SBIN-EQ} or {@code NSE:M&M-EQ}. */
    private static String checkSymbol(String symbol) {
        int colon = symbol.indexOf(':');
        boolean ok = colon > 0 && colon < symbol.length() - 1 && symbol.length() <= 80;
        for (int i = 0; ok && i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (i < colon) {
                ok = c >= 'A' && c <= 'Z';
            } else if (i > colon) {
                ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '&' || c == '_' || c == '.';
            }
        }
        if (!ok) {
            throw new Reject(Rejection.BAD_SYMBOL, "symbol '" + symbol + "' is not of the form EXCHANGE:NAME");
        }
        return symbol;
    }

    /**
     * Strict UTF-8 (RFC 3629), checked before parsing because Jackson's parser accepts some invalid
     * sequences (overlong encodings such as {@code C0 AF} for '/'), which could otherwise slip into
     * an accepted record's strings. ASCII, the usual case, needs no decoder.
     */
    private static boolean isUtf8(byte[] raw) {
        boolean ascii = true;
        for (int i = 0; ascii && i < raw.length; i++) {
            ascii = raw[i] >= 0;
        }
        if (ascii) {
            return true;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String rawText(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** Control flow for a rejection; no stack trace, since rejects are routine. */
    private static final class Reject extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Reject(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * The known fields of one record, read in a single pass before the type is known (the type
     * may come last). Each slot remembers what kind of JSON value it held.
     */
    private static final class Fields {
        static final String[] NAMES = {
            "type", "symbol", "ts", "ltp", "cumVolume", "atp", "dayOpen", "dayHigh", "dayLow",
            "prevClose", "bid", "ask", "source", "id", "rule", "severity", "barStart", "timeframe",
            "value", "threshold", "message",
        };
        static final int TYPE = 0, SYMBOL = 1, TS = 2, LTP = 3, CUM_VOLUME = 4, ATP = 5, DAY_OPEN = 6,
                DAY_HIGH = 7, DAY_LOW = 8, PREV_CLOSE = 9, BID = 10, ASK = 11, SOURCE = 12, ID = 13,
                RULE = 14, SEVERITY = 15, BAR_START = 16, TIMEFRAME = 17, VALUE = 18, THRESHOLD = 19,
                MESSAGE = 20;
        private static final byte ABSENT = 0, NULL = 1, INTEGER = 2, FLOAT = 3, STRING = 4, OTHER = 5;

        final byte[] kind = new byte[NAMES.length];
        final long[] longs = new long[NAMES.length];
        final double[] doubles = new double[NAMES.length];
        final String[] strings = new String[NAMES.length];
        Map<String, Double> context = new LinkedHashMap<>();

        static Fields parse(byte[] raw) throws IOException {
            Fields f = new Fields();
            try (JsonParser p = JSON.createParser(raw)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new Reject(Rejection.NOT_AN_OBJECT, "a record must be a JSON object");
                }
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    int slot = slotOf(name);
                    if (slot >= 0) {
                        f.read(slot, value, p);
                    } else if ("context".equals(name) && value == JsonToken.START_OBJECT) {
                        f.readContext(p);
                    } else {
                        p.skipChildren();
                    }
                }
                if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                    throw new Reject(Rejection.MALFORMED_JSON, "unexpected content after the record");
                }
            }
            return f;
        }

        private void read(int slot, JsonToken value, JsonParser p) throws IOException {
            switch (value) {
                case VALUE_NULL:
                    kind[slot] = NULL;
                    break;
                case VALUE_NUMBER_INT:
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        kind[slot] = FLOAT; // beyond a long: a number, but no valid volume or time
                        doubles[slot] = p.getDoubleValue();
                        break;
                    }
                    kind[slot] = INTEGER;
                    longs[slot] = p.getLongValue();
                    doubles[slot] = longs[slot];
                    break;
                case VALUE_NUMBER_FLOAT:
                    kind[slot] = FLOAT;
                    doubles[slot] = p.getDoubleValue();
                    break;
                case VALUE_STRING:
                    kind[slot] = STRING;
                    strings[slot] = p.getText();
                    break;
                default:
                    kind[slot] = OTHER;
                    p.skipChildren();
            }
        }

        private void readContext(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    context.put(key, p.getDoubleValue());
                } else {
                    p.skipChildren();
                }
            }
        }

        String requireString(int slot) {
            present(slot);
            if (kind[slot] != STRING) {
                throw wrongType(slot, "a string");
            }
            return strings[slot];
        }

        long requireLong(int slot) {
            present(slot);
            if (kind[slot] == INTEGER) {
                return longs[slot];
            }
            // 8234561.0 is an integer written by a JSON encoder that has only doubles.
            double d = doubles[slot];
            if (kind[slot] == FLOAT && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            throw wrongType(slot, "an integer");
        }

        double requireDouble(int slot) {
            present(slot);
            if (kind[slot] != INTEGER && kind[slot] != FLOAT) {
                throw wrongType(slot, "a number");
            }
            return doubles[slot];
        }

        double optionalDouble(int slot, double dflt) {
            return kind[slot] == ABSENT || kind[slot] == NULL ? dflt : requireDouble(slot);
        }

        private void present(int slot) {
            if (kind[slot] == ABSENT || kind[slot] == NULL) {
                throw new Reject(Rejection.missingField(NAMES[slot]), "required field '" + NAMES[slot] + "' is missing");
            }
        }

        private Reject wrongType(int slot, String expected) {
            return new Reject(Rejection.wrongType(NAMES[slot]), "field '" + NAMES[slot] + "' must be " + expected);
        }

        private static int slotOf(String name) {
            switch (name) {
                case "type": return TYPE;
                case "symbol": return SYMBOL;
                case "ts": return TS;
                case "ltp": return LTP;
                case "cumVolume": return CUM_VOLUME;
                case "atp": return ATP;
                case "dayOpen": return DAY_OPEN;
                case "dayHigh": return DAY_HIGH;
                case "dayLow": return DAY_LOW;
                case "prevClose": return PREV_CLOSE;
                case "bid": return BID;
                case "ask": return ASK;
                case "source": return SOURCE;
                case "id": return ID;
                case "rule": return RULE;
                case "severity": return SEVERITY;
                case "barStart": return BAR_START;
                case "timeframe": return TIMEFRAME;
                case "value": return VALUE;
                case "threshold": return THRESHOLD;
                case "message": return MESSAGE;
                default: return -1;
            }
        }
    }
}
