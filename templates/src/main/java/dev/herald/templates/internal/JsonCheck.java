package dev.herald.templates.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Whether a text is exactly one strict JSON value, and where it stops being one. Used at start-up only. */
final class JsonCheck {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /**
     * Where a text stops being JSON.
     *
     * @param offset 0-based character offset in the text
     * @param message Jackson's description, without its location suffix
     */
    record Error(int offset, String message) {}

    private JsonCheck() {}

    /** Null when the text is one JSON value, else the first error. */
    static Error check(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken token = p.nextToken();
            if (token == null) {
                return new Error(0, "the output is empty, not a JSON value");
            }
            int depth = 0;
            do {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    p.getText(); // strings are decoded lazily; decoding is what validates their escapes
                }
                if (depth == 0) {
                    break;
                }
                token = p.nextToken();
            } while (token != null);
            if (p.nextToken() != null) {
                return new Error(offsetOf(p.currentTokenLocation()), "more text after the end of the JSON value");
            }
            return null;
        } catch (JsonProcessingException e) {
            return new Error(offsetOf(e.getLocation()), e.getOriginalMessage());
        } catch (IOException e) {
            return new Error(0, String.valueOf(e.getMessage()));
        }
    }

    private static int offsetOf(JsonLocation location) {
        if (location == null) {
            return 0;
        }
        long chars = location.getCharOffset();
        return chars < 0 ? 0 : (int) chars;
    }
}
