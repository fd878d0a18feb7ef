package io.pricefeed.flink.lake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pricefeed.model.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;

/**
 * One rejected record as one JSON Lines row: {@code {"reason":..,"detail":..,"raw":..,"ts":..}}.
 * The raw payload goes in as a JSON string (newlines escaped), so a reject of any shape, even
 * invalid JSON or binary garbage, stays one line and nothing is lost. {@code ts} is epoch millis,
 * as on the wire.
 */
final class RejectionJsonEncoder implements Encoder<Rejection> {
    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void encode(Rejection rejection, OutputStream stream) throws IOException {
        // Encode into a buffer first: a failure half-way must not leave half a line in the file.
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("reason", rejection.getReason());
            g.writeStringField("detail", rejection.getDetail());
            g.writeStringField("raw", rejection.getRaw());
            g.writeNumberField("ts", rejection.getTs());
            g.writeEndObject();
        }
        line.write('\n');
        line.writeTo(stream);
    }
}
