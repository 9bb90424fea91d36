package dev.kqlhunt.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one JSON object per line. Jackson escapes every control character, so a line is valid
 * JSON whatever the input held.
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
        return text.toString();
    }
}
