package io.pricefeed.model;

/** How loudly an anomaly should be announced; the alert subject shows it. */
public enum Severity {
    LOW, MEDIUM, HIGH
}
