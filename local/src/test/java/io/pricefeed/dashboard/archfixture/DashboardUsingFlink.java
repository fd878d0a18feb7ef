package io.pricefeed.dashboard.archfixture;

import org.apache.flink.api.common.JobID;

/** A deliberate use of Flink's runtime from the dashboard for {@code ArchitectureRulesTest}. */
public final class DashboardUsingFlink {
    JobID job;
}
