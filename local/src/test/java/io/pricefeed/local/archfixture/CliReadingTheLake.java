package io.pricefeed.local.archfixture;

import java.sql.Connection;

/** A deliberate JDBC use in the CLI for {@code ArchitectureRulesTest}; never on a main class path. */
public final class CliReadingTheLake {
    Connection duckDb;
}
