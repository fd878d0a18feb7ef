package io.pricefeed.athena;

/**
 * One statement from the shipped SQL files (a table's DDL, a view), by name.
 *
 * @param name the table or view it creates
 * @param sql  the file as written, comments included
 */
public record SqlStatement(String name, String sql) {

    /** The statement without comments, for APIs that take bare SQL (Athena's DDL parser among them). */
    public String statement() {
        return SqlText.withoutComments(sql);
    }
}
