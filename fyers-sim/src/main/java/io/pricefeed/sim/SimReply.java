package io.pricefeed.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One HTTP reply of the sim: status, content type and body bytes. */
record SimReply(int status, String contentType, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String HTML_TYPE = "text/html; charset=utf-8";

    /** A fresh success envelope {@code {"s":"ok","code":200,"message":""}} to add the payload to. */
    static ObjectNode okEnvelope() {
        ObjectNode root = JSON.createObjectNode();
        root.put("s", "ok");
        root.put("code", 200);
        root.put("message", "");
        return root;
    }

    static SimReply ok(JsonNode body) {
        return json(200, body);
    }

    static SimReply json(int status, JsonNode body) {
        try {
            return new SimReply(status, JSON_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SimReply error(FyersError error) {
        ObjectNode root = JSON.createObjectNode();
        root.put("s", "error");
        root.put("code", error.code());
        root.put("message", error.message());
        return json(error.httpStatus(), root);
    }

    static SimReply html(int status, String page) {
        return new SimReply(status, HTML_TYPE, page.getBytes(StandardCharsets.UTF_8));
    }
}
