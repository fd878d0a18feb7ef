package io.pricefeed.model.archfixture;

import io.pricefeed.producer.time.Backoff;

/** A deliberate upward import (model -> producer) for {@code ArchitectureRulesTest}; never on a main class path. */
public final class ModelUsingProducer {
    Backoff backoff;
}
