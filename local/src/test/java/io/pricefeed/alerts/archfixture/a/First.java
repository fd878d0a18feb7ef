package io.pricefeed.alerts.archfixture.a;

import io.pricefeed.alerts.archfixture.b.Second;

/** One half of a deliberate package cycle for {@code ArchitectureRulesTest}. */
public final class First {
    Second second;
}
