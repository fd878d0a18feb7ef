package io.pricefeed.producer.fyers;

/**
 * Where {@link FyersClient} gets the access token for each call, and whom it tells when Fyers
 * rejects one. The producer's implementation is {@code auth.FyersSession}.
 */
public interface AccessTokenSource {
    /**
     * The access token to use now.
     *
     * @throws LoginRequiredException when there is no usable token and none can be obtained without a login
     */
    String accessToken();

    /**
     * Fyers rejected {@code rejectedToken} with an authentication error (-8, -15, -16, -17).
     *
     * @return true when a different token is now available (refreshed, or a newer login was
     *         loaded), so the call may be repeated once; false when a login is required
     */
    boolean renewAfterRejection(String rejectedToken, FyersApiException cause) throws InterruptedException;
}
