package io.pricefeed.athena;

import java.util.function.Function;

/** How a {@link QueryResult} is printed: the aligned table for people, CSV and JSON for programs. */
public enum ResultFormat {
    TABLE(ResultTable::render),
    CSV(ResultCsv::render),
    JSON(ResultJson::render);

    private final Function<QueryResult, String> renderer;

    ResultFormat(Function<QueryResult, String> renderer) {
        this.renderer = renderer;
    }

    public String render(QueryResult result) {
        return renderer.apply(result);
    }
}
