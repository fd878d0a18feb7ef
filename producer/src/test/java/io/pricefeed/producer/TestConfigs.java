package io.pricefeed.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.standins.Kinesalite;
import java.nio.file.Path;
import java.util.List;

/** Producer configurations pointing at a fyers-sim and kinesalite, as the local stack writes them. */
final class TestConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestConfigs() {
    }

    static ObjectNode forSim(FyersSim sim, Kinesalite kinesis, String stream, List<String> symbols, Path tokenFile) {
        ObjectNode root = JSON.createObjectNode();
        root.put("producerId", "producer-it");
        ObjectNode fyers = root.putObject("fyers");
        fyers.put("clientId", sim.credentials().clientId());
        fyers.put("apiBaseUrl", sim.baseUrl() + "/api/v3");
        fyers.put("dataBaseUrl", sim.baseUrl() + "/data");
        ObjectNode store = root.putObject("tokenStore");
        store.put("type", "file");
        store.put("file", tokenFile.toString());
        ArrayNode list = root.putArray("symbols");
        symbols.forEach(list::add);
        ObjectNode k = root.putObject("kinesis");
        k.put("stream", stream);
        if (kinesis != null) {
            k.put("endpoint", kinesis.endpoint().toString());
        }
        return root;
    }

    static ObjectNode object(ObjectNode root, String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }
}
