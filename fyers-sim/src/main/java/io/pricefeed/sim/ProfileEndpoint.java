package io.pricefeed.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/v3/profile}: the cheap call a client makes to check that its token works. */
final class ProfileEndpoint implements Endpoint {
    @Override
    public SimReply handle(SimRequest request, long nowMillis) {
        ObjectNode root = SimReply.okEnvelope();
        ObjectNode data = root.putObject("data");
        data.put("fy_id", "XS0001");
        data.put("name", "SIM USER");
        data.put("display_name", "SIM USER");
        data.put("email_id", "sim.user@example.invalid");
        data.putNull("image");
        data.put("totp", true);
        return SimReply.ok(root);
    }
}
