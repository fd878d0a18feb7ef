package io.pricefeed.dashboard;

import java.net.URI;

/** One {@code GET /api/...} resource: the request's URI in, a JSON-serialisable value out (or an {@link ApiException}). */
interface Endpoint {
    Object get(URI uri);
}
