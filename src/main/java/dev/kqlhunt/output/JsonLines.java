package dev.kqlhunt.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one JSON object per line that is valid JSON and valid UTF-8 whatever the input held.
 *
 * <p>Jackson escapes the C0 controls U+0000 to U+001F. This class also escapes DEL and the C1
 * controls (U+007F to U+009F), the line separators U+2028 and U+2029, which some JSON-lines
 * readers take as line ends, and lone surrogates, which have no UTF-8 encoding.
 */
public final class JsonLines {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Builds the body of one object with a generator. */
    @FunctionalInterface
    public interface ObjectWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    private JsonLines() {}

    public static String object(ObjectWriter body) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render JSON", e);
        }
        return escapeRest(text.toString());
    }

    /**
     * Escapes the characters Jackson leaves as they are. Every such character can only occur
     * inside a JSON string, so replacing it with its escape keeps the JSON valid.
     */
    static String escapeRest(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < json.length()
                            && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    private static boolean needsEscape(char c) {
        return (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || Character.isSurrogate(c);
    }
}
