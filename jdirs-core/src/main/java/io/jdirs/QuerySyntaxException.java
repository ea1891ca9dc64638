package io.jdirs;

/** A query's text does not follow the syntax (docs/QUERIES.md): the message says where and what was expected. */
public class QuerySyntaxException extends IllegalArgumentException {
    private final String query;
    private final int position;

    public QuerySyntaxException(String query, int position, String detail) {
        super("at " + position + " in the query \"" + query + "\": " + detail);
        this.query = query;
        this.position = position;
    }

    /** The text of the query. */
    public String query() {
        return query;
    }

    /** The position of the problem in the text, counted in chars from 0. */
    public int position() {
        return position;
    }
}
