package io.pricefeed.alerts.archfixture.b;

import io.pricefeed.alerts.archfixture.a.First;

/** The other half of a deliberate package cycle for {@code ArchitectureRulesTest}. */
public final class Second {
    First first;
}
