package io.pricefeed.dashboard.archfixture;

import io.pricefeed.fixtures.QuoteWalk;

/** A deliberate use of test-fixtures from a module's main code for {@code ArchitectureRulesTest}. */
public final class DashboardUsingFixtures {
    QuoteWalk walk;
}
