package dev.kqlhunt.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Copies a JSON value from a parser to a generator, keeping numbers exactly as written.
 *
 * <p>{@link JsonGenerator#copyCurrentStructure} re-encodes floating-point numbers through
 * {@code double}, which turns {@code 1.50} into {@code 1.5} and rounds long fractions. Event
 * values copied as text must keep the digits of the source.
 */
final class JsonCopy {

    private JsonCopy() {}

    /** Copies the value at the parser's current token; leaves the parser on its last token. */
    static void copyExact(JsonParser parser, JsonGenerator generator) throws IOException {
        int depth = 0;
        while (true) {
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    generator.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    generator.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    generator.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    generator.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> generator.writeFieldName(parser.currentName());
                case VALUE_STRING ->
                        generator.writeString(
                                parser.getTextCharacters(),
                                parser.getTextOffset(),
                                parser.getTextLength());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                case VALUE_TRUE -> generator.writeBoolean(true);
                case VALUE_FALSE -> generator.writeBoolean(false);
                case VALUE_NULL -> generator.writeNull();
                default -> throw new IOException("unexpected JSON token " + token);
            }
            if (depth == 0) {
                return;
            }
            parser.nextToken();
        }
    }
}
