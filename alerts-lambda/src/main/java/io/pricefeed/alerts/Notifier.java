package io.pricefeed.alerts;

/** Delivers one email: SNS in AWS, SMTP locally and for users without SNS. */
public interface Notifier {
    /** @throws NotifierException when the mail was not accepted; the caller retries the records */
    void send(AlertEmail email);
}
