package io.pricefeed.alerts;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes each alert to an SNS topic whose email subscriptions deliver it. */
public class SnsNotifier implements Notifier {
    /** SNS limits a subject to 100 printable ASCII characters, no line breaks. */
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(AlertEmail email) {
        try {
            sns.publish(b -> b.topicArn(topicArn).subject(subject(email.subject())).message(email.body()));
        } catch (SdkServiceException e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            throw new NotifierException("SNS rejected the alert (HTTP " + e.statusCode() + "): "
                    + e.getMessage(), retryable, e);
        } catch (SdkException e) {
            throw new NotifierException("SNS could not be reached: " + e.getMessage(), e.retryable(), e);
        }
    }

    static String subject(String subject) {
        String ascii = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
