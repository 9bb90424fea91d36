package dev.kqlhunt.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes random Event JSON lines built from pieces of given literals, in the shapes that a
 * prefilter must not be fooled by: any letter case, characters written as {@code &#92;u0041}-style
 * escapes, other escapes, characters outside ASCII (including {@code ı} and {@code ſ}, whose
 * upper case is ASCII), keys in any order, whitespace between tokens, values that are numbers,
 * objects or arrays, a column written twice, envelopes, and lines that are not valid JSON.
 */
public final class RandomEventLines {

    private static final String[] COLUMNS = {
        "EventLog", "Source", "EventLevelName", "RenderedDescription", "Computer", "UserName",
        "Message", "ParameterXml", "Type"
    };
    private static final String[] NOISE = {
        " ", ".", "-", "a", "é", "ı", "ſ", "日本", "K", "\"", "\\", "/", "\n", "\t", "Error",
        "System.OutOfMemoryException", ":", ",", "[", "}"
    };

    private final Random random;
    private final List<String> pieces;
    private final Map<String, List<String>> columnValues;

    /** @param literals text that the values are built from, besides some noise */
    public RandomEventLines(long seed, List<String> literals) {
        this(seed, literals, Map.of());
    }

    /**
     * @param columnValues per column, whole values that it mostly takes (before case and
     *     escapes are varied), so that rows meeting a query's conditions are common
     */
    public RandomEventLines(
            long seed, List<String> literals, Map<String, List<String>> columnValues) {
        this.random = new Random(seed);
        this.pieces = new ArrayList<>(literals);
        this.columnValues = Map.copyOf(columnValues);
    }

    /** Returns the next line: usually one Event object, sometimes broken on purpose. */
    public String next() {
        int kind = random.nextInt(40);
        if (kind == 0) {
            String line = event();
            return line.substring(0, 1 + random.nextInt(line.length() - 1));
        }
        if (kind == 1) {
            return "{\"records\":" + ws() + "[" + event() + "," + ws() + event() + "]}";
        }
        return event();
    }

    private String event() {
        List<String> fields = new ArrayList<>();
        fields.add(key("TimeGenerated") + ":" + ws() + "\"2021-03-0" + (1 + random.nextInt(3))
                + "T" + twoDigits(random.nextInt(24)) + ":15:30.1234567Z\"");
        for (String column : COLUMNS) {
            if (random.nextInt(6) > 0) {
                fields.add(key(column) + ws() + ":" + ws() + value(column));
            }
        }
        if (random.nextInt(20) == 0) {
            fields.add(key(COLUMNS[random.nextInt(COLUMNS.length)]) + ":" + value());
        }
        if (random.nextInt(10) == 0) {
            fields.add(key("Unknown" + random.nextInt(3)) + ":" + value());
        }
        Collections.shuffle(fields, random);
        return "{" + ws() + String.join("," + ws(), fields) + ws() + "}";
    }

    private String value(String column) {
        List<String> values = columnValues.get(column);
        if (values != null && random.nextInt(5) > 0) {
            return quote(mangleCase(values.get(random.nextInt(values.size()))));
        }
        return value();
    }

    private String value() {
        int shape = random.nextInt(30);
        if (shape == 0) {
            return Integer.toString(random.nextInt(1000));
        }
        if (shape == 1) {
            return "{" + ws() + "\"k\"" + ws() + ":" + ws() + string() + "}";
        }
        if (shape == 2) {
            return "[" + string() + "," + ws() + random.nextInt(9) + "]";
        }
        if (shape == 3) {
            return "null";
        }
        return string();
    }

    private String string() {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            String piece = random.nextInt(3) == 0
                    ? NOISE[random.nextInt(NOISE.length)]
                    : pieces.get(random.nextInt(pieces.size()));
            if (random.nextInt(3) == 0 && piece.length() > 1) {
                int from = random.nextInt(piece.length());
                piece = piece.substring(from, from + 1 + random.nextInt(piece.length() - from));
            }
            text.append(mangleCase(piece));
        }
        return quote(text.toString());
    }

    private String mangleCase(String piece) {
        boolean exotic = random.nextInt(40) == 0;
        StringBuilder out = new StringBuilder(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            int roll = random.nextInt(12);
            if (roll == 0) {
                out.append(Character.toUpperCase(c));
            } else if (roll == 1) {
                out.append(Character.toLowerCase(c));
            } else if (exotic && roll == 2 && (c == 'i' || c == 'I')) {
                out.append('ı');
            } else if (exotic && roll == 2 && (c == 's' || c == 'S')) {
                out.append('ſ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String quote(String text) {
        boolean escapes = random.nextInt(60) == 0;
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapes && random.nextInt(4) == 0) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '/' && random.nextBoolean()) {
                out.append("\\/");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String key(String name) {
        return random.nextInt(100) == 0 ? quote(name) : "\"" + name + "\"";
    }

    private String ws() {
        return random.nextInt(4) == 0 ? " " : "";
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
