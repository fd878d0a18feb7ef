package io.pricefeed.producer.archfixture;

import io.pricefeed.sim.SimClock;

/** A deliberate producer -> simulator reference for {@code ArchitectureRulesTest}. */
public final class ProducerUsingSim {
    SimClock clock;
}
