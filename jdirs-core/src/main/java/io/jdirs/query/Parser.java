package io.jdirs.query;

import io.jdirs.Filter;
import io.jdirs.Query;
import io.jdirs.QuerySyntaxException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text syntax of queries (docs/QUERIES.md gives the grammar), by recursive descent over
 * tokens; an error names the position and what was expected.
 */
public final class Parser {
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern TEMPORAL = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?");
    private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.\\-]*(/[\\p{L}_][\\p{L}\\p{N}_.\\-]*)*");

    private enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, TEMPORAL, OP, OPEN, CLOSE, COMMA, KEY, END }

    private record Token(Kind kind, String text, Object value, int at) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean keyword() {
            return kind == Kind.WORD && Text.KEYWORDS.contains(text.toLowerCase(Locale.ROOT));
        }

        String shown() {
            return kind == Kind.END ? "the end of the query" : "\"" + text + "\"";
        }
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Parser(String src) {
        this.src = src;
        lex();
    }

    public static Query parse(String text) {
        return new Parser(text).query();
    }

    // ---- grammar

    private Query query() {
        Query q = Query.all();
        if (accept("select")) {
            List<String> names = new ArrayList<>();
            do {
                names.add(attribute("an attribute to select"));
            } while (acceptKind(Kind.COMMA));
            q = q.select(names.toArray(String[]::new));
        }
        boolean where = accept("where");
        if (startsCondition()) {
            q = q.filter(or());
        } else if (where) {
            throw expected("a condition");
        }
        if (accept("order")) {
            expect("by");
            do {
                String a = attribute("an attribute to order by");
                boolean desc = accept("desc");
                if (!desc) {
                    accept("asc");
                }
                q = q.orderBy(a, desc);
            } while (acceptKind(Kind.COMMA));
        }
        if (accept("limit")) {
            q = q.limit(count("limit"));
        }
        if (accept("offset")) {
            q = q.offset(count("offset"));
        }
        if (accept("after")) {
            Token t = next();
            if (t.kind != Kind.STRING) {
                throw error(t, "expected a cursor in quotes after \"after\", found " + t.shown());
            }
            q = q.after((String) t.value);
        }
        if (peek().kind != Kind.END) {
            throw expected(q.filter() == null && !where ? "a condition, order by, limit, offset or after"
                    : "and, or, order by, limit, offset, after or the end");
        }
        return q;
    }

    private boolean startsCondition() {
        Token t = peek();
        return (t.kind == Kind.WORD && (!t.keyword() || t.is("not"))) || t.kind == Kind.QUOTED_NAME
                || t.kind == Kind.KEY || t.kind == Kind.OPEN;
    }

    private Filter or() {
        Filter f = and();
        while (accept("or")) {
            f = f.or(and());
        }
        return f;
    }

    private Filter and() {
        Filter f = not();
        while (accept("and")) {
            f = f.and(not());
        }
        return f;
    }

    private Filter not() {
        if (accept("not")) {
            return Filter.not(not());
        }
        if (acceptKind(Kind.OPEN)) {
            Filter f = or();
            if (!acceptKind(Kind.CLOSE)) {
                throw expected("\")\"");
            }
            return f;
        }
        return condition();
    }

    private Filter condition() {
        String a = attribute("a condition (an attribute, \"not\" or \"(\")");
        Token t = next();
        if (t.kind == Kind.OP) {
            Filter.Op op = switch (t.text) {
                case "=", "==" -> Filter.Op.EQ;
                case "!=", "<>" -> Filter.Op.NE;
                case "<" -> Filter.Op.LT;
                case "<=" -> Filter.Op.LE;
                case ">" -> Filter.Op.GT;
                default -> Filter.Op.GE;
            };
            return new Filter.Compare(a, op, value());
        }
        if (t.is("between")) {
            Object low = value();
            expect("and");
            return Filter.between(a, low, value());
        }
        boolean negated = t.is("not");
        if (negated) {
            t = next();
            if (!t.is("in")) {
                throw error(t, "expected \"in\" after \"not\", found " + t.shown());
            }
        }
        if (t.is("in")) {
            if (!acceptKind(Kind.OPEN)) {
                throw expected("\"(\" and a list of values");
            }
            List<Object> values = new ArrayList<>();
            do {
                values.add(value());
            } while (acceptKind(Kind.COMMA));
            if (!acceptKind(Kind.CLOSE)) {
                throw expected("\",\" or \")\"");
            }
            Filter in = new Filter.In(a, values);
            return negated ? Filter.not(in) : in;
        }
        if (t.is("starts")) {
            expect("with");
            Token s = next();
            if (s.kind != Kind.STRING) {
                throw error(s, "expected a string in quotes after \"starts with\", found " + s.shown());
            }
            return new Filter.StartsWith(a, (String) s.value, ignoreCase());
        }
        if (t.is("contains")) {
            return new Filter.Contains(a, value(), ignoreCase());
        }
        if (t.is("exists")) {
            return Filter.exists(a);
        }
        if (t.is("missing")) {
            return Filter.missing(a);
        }
        throw error(t, "expected an operator (= != < <= > >=, between, in, not in, starts with, contains, exists, "
                + "missing) after " + Text.attribute(a) + ", found " + t.shown());
    }

    private boolean ignoreCase() {
        if (accept("ignore")) {
            expect("case");
            return true;
        }
        return false;
    }

    private String attribute(String what) {
        Token t = next();
        if (t.kind == Kind.KEY) {
            return Filter.KEY;
        }
        if (t.kind == Kind.QUOTED_NAME || (t.kind == Kind.WORD && !t.keyword())) {
            String a = (String) t.value;
            if (a.isEmpty() || a.startsWith("/") || a.endsWith("/") || a.contains("//")) {
                throw error(t, "an attribute is a key or a slash path of keys, not " + t.shown());
            }
            return a;
        }
        throw error(t, "expected " + what + ", found " + t.shown()
                + (t.keyword() ? " (an attribute with that name is written in backquotes: `" + t.text + "`)" : ""));
    }

    private Object value() {
        Token t = next();
        switch (t.kind) {
            case STRING, NUMBER, TEMPORAL:
                return t.value;
            case WORD:
                if (t.is("true") || t.is("false")) {
                    return Boolean.valueOf(t.text.toLowerCase(Locale.ROOT));
                }
                throw error(t, "expected a value, found " + t.shown() + " (strings are written in quotes: \"" + t.text + "\")");
            default:
                throw error(t, "expected a value (a number, a string in quotes, true, false, a date), found " + t.shown());
        }
    }

    private long count(String clause) {
        Token t = next();
        if (t.kind == Kind.NUMBER && t.text.matches("[0-9]{1,18}")) {
            return Long.parseLong(t.text);
        }
        throw error(t, "expected a whole number after \"" + clause + "\", found " + t.shown());
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String keyword) {
        if (peek().is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKind(Kind kind) {
        if (peek().kind == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw expected("\"" + keyword + "\"");
        }
    }

    private QuerySyntaxException expected(String what) {
        Token t = peek();
        return error(t, "expected " + what + ", found " + t.shown()
                + (t.keyword() ? " (an attribute with that name is written in backquotes: `" + t.text + "`)" : ""));
    }

    private QuerySyntaxException error(Token t, String message) {
        return new QuerySyntaxException(src, t.at, message);
    }

    private void lex() {
        int i = 0;
        int n = src.length();
        while (true) {
            while (i < n && Character.isWhitespace(src.charAt(i))) {
                i++;
            }
            if (i == n) {
                tokens.add(new Token(Kind.END, "", null, n));
                return;
            }
            char c = src.charAt(i);
            int start = i;
            if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, String.valueOf(c), null, i));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                String two = i + 1 < n ? src.substring(i, i + 2) : "";
                String op = two.equals("==") || two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")
                        ? two : String.valueOf(c);
                if (op.equals("!")) {
                    throw new QuerySyntaxException(src, i, "expected \"!=\", found \"!\"");
                }
                tokens.add(new Token(Kind.OP, op, null, i));
                i += op.length();
            } else if (c == '"' || c == '\'' || c == '`') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new QuerySyntaxException(src, start, "this " + (c == '`' ? "name" : "string")
                                + " has no closing " + c);
                    }
                    char d = src.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d == '\\' && i < n) {
                        i = escape(b, i);
                    } else {
                        b.append(d);
                    }
                }
                tokens.add(new Token(c == '`' ? Kind.QUOTED_NAME : Kind.STRING, src.substring(start, i), b.toString(), start));
            } else if (c == '@') {
                Matcher m = WORD.matcher(src).region(i + 1, n);
                if (!m.lookingAt() || !m.group().equals("key")) {
                    throw new QuerySyntaxException(src, i, "expected @key (the node's key)");
                }
                i = m.end();
                tokens.add(new Token(Kind.KEY, "@key", Filter.KEY, start));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                Matcher t = TEMPORAL.matcher(src).region(i, n);
                if (t.lookingAt()) {
                    i = t.end();
                    tokens.add(new Token(Kind.TEMPORAL, t.group(), temporal(t.group(), start), start));
                } else {
                    Matcher m = NUMBER.matcher(src).region(i, n);
                    if (!m.lookingAt()) {
                        throw new QuerySyntaxException(src, i, "expected a number");
                    }
                    i = m.end();
                    tokens.add(new Token(Kind.NUMBER, m.group(), new BigDecimal(m.group()), start));
                }
            } else {
                Matcher m = WORD.matcher(src).region(i, n);
                if (!m.lookingAt()) {
                    throw new QuerySyntaxException(src, i, "unexpected \"" + new String(Character.toChars(src.codePointAt(i)))
                            + "\"");
                }
                i = m.end();
                tokens.add(new Token(Kind.WORD, m.group(), m.group(), start));
            }
            Kind last = tokens.get(tokens.size() - 1).kind;
            if (i < n && Character.isLetterOrDigit(src.charAt(i))
                    && (last == Kind.NUMBER || last == Kind.TEMPORAL || last == Kind.STRING || last == Kind.QUOTED_NAME)) {
                throw new QuerySyntaxException(src, i, "expected a space or an operator after "
                        + tokens.get(tokens.size() - 1).shown());
            }
        }
    }

    /** Reads the escape after a backslash at {@code i}; returns the position after it. */
    private int escape(StringBuilder b, int i) {
        char e = src.charAt(i);
        switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'u' -> {
                if (i + 5 > src.length() || !src.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                    throw new QuerySyntaxException(src, i - 1, "expected four hexadecimal digits after \\u");
                }
                b.append((char) Integer.parseInt(src.substring(i + 1, i + 5), 16));
                return i + 5;
            }
            default -> b.append(e);
        }
        return i + 1;
    }

    private Object temporal(String text, int at) {
        try {
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            if (text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10) {
                OffsetDateTime t = OffsetDateTime.parse(text);
                return t.getOffset().equals(ZoneOffset.UTC) ? t.toInstant() : t;
            }
            return text.indexOf('T') > 0 ? LocalDateTime.parse(text) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new QuerySyntaxException(src, at, text + " is not a valid date or time");
        }
    }
}
