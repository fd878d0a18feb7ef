package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedQueryTest {
    private static final String FILE = "-- Closes of one symbol on one day,\n"
            + "-- from the 1d bars.\n"
            + "--\n"
            + "-- More detail that is not part of the description.\n"
            + "-- @param symbol Fyers symbol\n"
            + "-- @param trade_date IST day, yyyy-MM-dd\n"
            + "SELECT close FROM bars -- ':symbol' in a comment is no parameter\n"
            + "WHERE symbol = :symbol AND trade_date = :trade_date AND timeframe = '1d'\n";

    private final NamedQuery query = NamedQuery.parse("closes", FILE, "closes.sql");

    @Test
    void headerGivesDescriptionAndParameters() {
        assertThat(query.name()).isEqualTo("closes");
        assertThat(query.description()).isEqualTo("Closes of one symbol on one day, from the 1d bars.");
        assertThat(query.parameters()).containsExactly(new NamedQuery.Parameter("symbol", "Fyers symbol"),
                new NamedQuery.Parameter("trade_date", "IST day, yyyy-MM-dd"));
    }

    @Test
    void valuesBecomeStringLiteralsWithQuotesDoubled() {
        String sql = query.render(Map.of("symbol", "O'Neil", "trade_date", "2026-03-10"));

        assertThat(sql).endsWith("WHERE symbol = 'O''Neil' AND trade_date = '2026-03-10' AND timeframe = '1d'")
                .contains("-- ':symbol' in a comment is no parameter");
    }

    @Test
    void preparedFormHasOneQuestionMarkPerParameterInOrder() {
        assertThat(query.preparedSql())
                .endsWith("WHERE symbol = ? AND trade_date = ? AND timeframe = '1d'");
    }

    @Test
    void placeholdersMustMatchTheDeclaredParametersOnceEachInOrder() {
        String header = "-- A query.\n-- @param a first\n-- @param b second\n";
        assertThatThrownBy(() -> NamedQuery.parse("q", header + "SELECT :a", "q.sql"))
                .hasMessage("q.sql: declares parameters [a, b] but uses [a] (each declared parameter must appear"
                        + " exactly once, in the declared order)");
        assertThatThrownBy(() -> NamedQuery.parse("q", header + "SELECT :a, :b, :a", "q.sql"))
                .hasMessageContaining("uses [a, b, a]");
        assertThatThrownBy(() -> NamedQuery.parse("q", header + "SELECT :b, :a", "q.sql"))
                .hasMessageContaining("uses [b, a]");
        assertThatThrownBy(() -> NamedQuery.parse("q", "-- A query.\nSELECT :c", "q.sql"))
                .hasMessageContaining("declares parameters [] but uses [c]");
        assertThatThrownBy(() -> NamedQuery.parse("q", "SELECT 1", "q.sql"))
                .hasMessage("q.sql: the header's first comment paragraph must say what the query answers");
        assertThatThrownBy(() -> NamedQuery.parse("q", "-- A query.\n-- @param Trade-Date x\nSELECT 1", "q.sql"))
                .hasMessageContaining("parameter name 'Trade-Date'");
    }

    @Test
    void missingAndUnknownValuesAreNamed() {
        assertThatThrownBy(() -> query.render(Map.of("symbol", "X")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Named query 'closes' needs parameter 'trade_date' (IST day, yyyy-MM-dd);"
                        + " its parameters: symbol (Fyers symbol), trade_date (IST day, yyyy-MM-dd)");
        assertThatThrownBy(() -> query.render(Map.of("symbol", "X", "trade_date", "d", "limit", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Named query 'closes' has no parameter 'limit';");
    }
}
