package dev.kqlhunt.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Converts one JSON value into the Java value of an {@code Event} column, the way KQL ingestion
 * maps JSON onto a typed column.
 *
 * <ul>
 *   <li>string: JSON strings as they are; numbers and booleans as their JSON text; objects and
 *       arrays as compact JSON text; null as {@code ""}. A lone surrogate, which only a
 *       {@code \\uD800}-style escape can produce, becomes U+FFFD, the character invalid UTF-8
 *       bytes are read as, because Flink's table runtime stores strings as UTF-8 and would turn
 *       it into {@code ?}.
 *   <li>int: JSON integers, numbers with an integral value ({@code 4999.0}, {@code 4.999e3}) and
 *       strings holding such a number; null and {@code ""} give null.
 *   <li>real: JSON numbers, strings holding a decimal number, and the strings {@code NaN},
 *       {@code Infinity} and {@code -Infinity}; null and {@code ""} give null.
 *   <li>datetime: strings that {@link EventTimes#parse} accepts; null gives null.
 * </ul>
 *
 * Any other value is rejected with a {@link ColumnException} that names the column.
 */
final class ColumnValues {

    /** Longest value quoted in a rejection reason. */
    private static final int QUOTED_CHARS = 60;

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final JsonFactory factory;
    private final int maxNumberLength;

    ColumnValues(JsonFactory factory, int maxNumberLength) {
        this.factory = factory;
        this.maxNumberLength = maxNumberLength;
    }

    /** Converts the value at the parser's current token; leaves the parser on its last token. */
    Object convert(EventSchema.Column column, JsonParser parser)
            throws IOException, ColumnException {
        JsonToken token = parser.currentToken();
        return switch (column.type()) {
            case STRING -> toText(parser, token);
            case INT -> toInt(column, parser, token);
            case REAL -> toReal(column, parser, token);
            case DATETIME -> toDateTime(column, parser, token);
        };
    }

    private String toText(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> "";
            case START_OBJECT, START_ARRAY -> replaceLoneSurrogates(compactJson(parser));
            default -> replaceLoneSurrogates(parser.getText());
        };
    }

    /** Returns {@code text} with each surrogate that is not part of a pair replaced by U+FFFD. */
    static String replaceLoneSurrogates(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
                continue;
            }
            if (chars == null) {
                chars = text.toCharArray();
            }
            chars[i] = '\uFFFD';
        }
        return chars == null ? text : new String(chars);
    }

    private String compactJson(JsonParser parser) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(json)) {
            JsonCopy.copyExact(parser, generator);
        }
        return json.toString();
    }

    private Integer toInt(EventSchema.Column column, JsonParser parser, JsonToken token)
            throws IOException, ColumnException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() != JsonParser.NumberType.INT) {
                    throw outOfIntRange(column, parser.getText());
                }
                return parser.getIntValue();
            case VALUE_NUMBER_FLOAT:
                return integral(column, decimal(column, parser.getText()), parser.getText());
            case VALUE_STRING:
                String text = parser.getText().strip();
                if (text.isEmpty()) {
                    return null;
                }
                if (text.length() > maxNumberLength || !DECIMAL.matcher(text).matches()) {
                    throw new ColumnException(
                            column, "expected an int, found " + quoted(parser.getText()));
                }
                return integral(column, decimal(column, text), text);
            default:
                throw wrongKind(column, "an int", token);
        }
    }

    private static BigDecimal decimal(EventSchema.Column column, String text)
            throws ColumnException {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // The text is a valid JSON or decimal number, so only an exponent beyond
            // BigDecimal's range gets here.
            throw outOfIntRange(column, text);
        }
    }

    private static Integer integral(EventSchema.Column column, BigDecimal value, String text)
            throws ColumnException {
        // Range first: it is cheap even for 1e999999999, which stripTrailingZeros is not.
        if (value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0) {
            throw outOfIntRange(column, text);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new ColumnException(column, "expected an int, found the fraction " + text);
        }
        return value.intValue();
    }

    private static ColumnException outOfIntRange(EventSchema.Column column, String text) {
        return new ColumnException(
                column, shorten(text) + " is outside the int range -2147483648 to 2147483647");
    }

    private Double toReal(EventSchema.Column column, JsonParser parser, JsonToken token)
            throws IOException, ColumnException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return finite(column, parser.getDoubleValue(), parser.getText());
            case VALUE_STRING:
                String text = parser.getText().strip();
                if (text.isEmpty()) {
                    return null;
                }
                if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
                    return Double.valueOf(text);
                }
                if (text.length() > maxNumberLength || !DECIMAL.matcher(text).matches()) {
                    throw new ColumnException(
                            column, "expected a real, found " + quoted(parser.getText()));
                }
                return finite(column, Double.parseDouble(text), text);
            default:
                throw wrongKind(column, "a real", token);
        }
    }

    private static Double finite(EventSchema.Column column, double value, String text)
            throws ColumnException {
        if (Double.isInfinite(value)) {
            throw new ColumnException(column, shorten(text) + " is outside the real range");
        }
        return value;
    }

    private static Object toDateTime(EventSchema.Column column, JsonParser parser, JsonToken token)
            throws IOException, ColumnException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongKind(column, "a datetime string", token);
        }
        try {
            return EventTimes.parse(parser.getText());
        } catch (IllegalArgumentException e) {
            throw new ColumnException(column, e.getMessage());
        }
    }

    private static ColumnException wrongKind(
            EventSchema.Column column, String expected, JsonToken token) {
        return new ColumnException(column, "expected " + expected + ", found " + kind(token));
    }

    /** Names a JSON token's kind for a rejection reason. */
    static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        JsonStrings.appendQuoted(out, shorten(text));
        return out.toString();
    }

    private static String shorten(String text) {
        if (text.length() <= QUOTED_CHARS) {
            return text;
        }
        return text.substring(0, QUOTED_CHARS) + "...";
    }

    /** A value that cannot be stored in its column; the message starts with the column name. */
    static final class ColumnException extends Exception {
        ColumnException(EventSchema.Column column, String problem) {
            super(column.name() + ": " + problem, null, false, false);
        }
    }
}
