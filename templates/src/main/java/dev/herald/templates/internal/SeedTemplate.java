package dev.herald.templates.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template in the seed plugin's syntax, read as JSON text with {@code {{name}}} placeholders and translated
 * to FreeMarker.
 *
 * <p>The seed pasted values in as raw text, so a quote in a user name broke the JSON or injected fields. Here
 * each placeholder is escaped for the place it stands in, which the translator finds by scanning the JSON
 * text around the placeholders and tracking whether it is inside a string (quotes and backslash escapes):
 * <ul>
 *   <li>the whole of a JSON string, {@code "{{user}}"}: a JSON string, or {@code null} when missing;
 *   <li>part of a longer string, {@code "Tool {{metadata.tool_name}} failed"}: escaped text, empty when missing;
 *   <li>outside any string, {@code {{metadata}}}: a JSON value, {@code null} when missing.
 * </ul>
 * An unknown name is a missing value, where the seed left the placeholder as raw text.
 */
public final class SeedTemplate {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*)\\s*}}");

    /** Where a placeholder stands in the JSON text, and so how its value is written. */
    public enum Position {
        /** Outside any string: a JSON value. */
        VALUE("json", JsonWriter::value),
        /** The whole of a string, quotes included in the placeholder: a JSON string or null. */
        WHOLE_STRING("jsonString", JsonWriter::string),
        /** Inside a longer string: escaped text. */
        INSIDE_STRING("jsonText", JsonWriter::text);

        private final String helper;
        private final Function<Object, String> writer;

        Position(String helper, Function<Object, String> writer) {
            this.helper = helper;
            this.writer = writer;
        }

        /** The name of the template helper that writes this position. */
        public String helper() {
            return helper;
        }

        /** The text this position gives the value, exactly what the FreeMarker helper writes. */
        public String write(Object value) {
            return writer.apply(value);
        }

        /** Writes {@link #write}'s text, without building it first for a plain string, the common case. */
        public void writeTo(Object value, Utf8Output out) throws IOException {
            if (this != INSIDE_STRING && value instanceof String s && !JsonWriter.needsEscaping(s)) {
                out.write('"');
                out.write(s);
                out.write('"');
            } else if (this == VALUE && value != null) {
                StringBuilder json = out.builder();
                JsonWriter.appendValue(json, value);
                out.write(json);
            } else {
                out.write(writer.apply(value));
            }
        }
    }

    /**
     * A run of the template's text: literal JSON text, or a placeholder.
     *
     * @param start first character in the template, the opening quote for a whole-string placeholder
     * @param end one past the last character
     * @param path the placeholder's dotted path, null for literal text
     * @param position where the placeholder stands, null for literal text
     */
    public record Segment(int start, int end, String path, Position position) {
        boolean isLiteral() {
            return path == null;
        }
    }

    private final String source;
    private final List<Segment> segments;
    private final byte[][] encodedLiterals;
    private final EventModel.Path[] paths;

    private SeedTemplate(String source, List<Segment> segments) {
        this.source = source;
        this.segments = List.copyOf(segments);
        this.encodedLiterals = new byte[segments.size()][];
        this.paths = new EventModel.Path[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.isLiteral()) {
                encodedLiterals[i] = Utf8Output.encode(source, s.start(), s.end());
            } else {
                paths[i] = EventModel.Path.of(s.path());
            }
        }
    }

    /** Reads a seed template. Any text is accepted; whether the result is JSON is checked by rendering it. */
    public static SeedTemplate parse(String source) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int n = source.length();
        int literalStart = 0;
        boolean inString = false;
        int stringStart = -1;
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '{' && i + 1 < n && source.charAt(i + 1) == '{' && m.region(i, n).lookingAt()) {
                int end = m.end();
                String path = m.group(1);
                int start = i;
                Position position;
                if (!inString) {
                    position = Position.VALUE;
                } else if (stringStart == i - 1 && end < n && source.charAt(end) == '"') {
                    position = Position.WHOLE_STRING;
                    start = i - 1;
                    end++;
                    inString = false;
                } else {
                    position = Position.INSIDE_STRING;
                }
                if (start > literalStart) {
                    segments.add(new Segment(literalStart, start, null, null));
                }
                segments.add(new Segment(start, end, path, position));
                literalStart = end;
                i = end;
                continue;
            }
            if (inString) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                stringStart = i;
            }
            i++;
        }
        if (literalStart < n) {
            segments.add(new Segment(literalStart, n, null, null));
        }
        return new SeedTemplate(source, segments);
    }

    public String source() {
        return source;
    }

    public List<Segment> segments() {
        return segments;
    }

    /**
     * Writes the rendering of {@code event}: literal text from bytes encoded once, at parse time, and each
     * placeholder, its path split once too, with its position's helper.
     */
    public void writeTo(EventModel event, Utf8Output out) throws IOException {
        for (int i = 0; i < encodedLiterals.length; i++) {
            Segment s = segments.get(i);
            if (s.isLiteral()) {
                byte[] encoded = encodedLiterals[i];
                if (encoded != null) {
                    out.writeEncoded(encoded);
                } else {
                    out.write(source, s.start(), s.end() - s.start());
                }
            } else {
                s.position().writeTo(event.resolve(paths[i]), out);
            }
        }
    }

    /**
     * The FreeMarker text: literal text as is (the syntax rule guarantees it holds no FreeMarker opener, and
     * the configuration knows no {@code #{}} interpolation), each placeholder a call of the helper for its
     * position looking up the placeholder's path, {@code ${json["metadata"]}}.
     */
    public String toFreemarker() {
        StringBuilder sb = new StringBuilder(source.length() + segments.size() * 16);
        for (Segment s : segments) {
            if (s.isLiteral()) {
                sb.append(source, s.start(), s.end());
            } else {
                sb.append("${").append(s.position().helper).append("[\"").append(s.path()).append("\"]}");
            }
        }
        return sb.toString();
    }

    /**
     * Where in this template the character at {@code outputOffset} of its rendering of {@code event} came
     * from: the same character of literal text, or the start of the placeholder that wrote it. Lets a start-up
     * error point at the template line an author has to fix rather than at the output.
     */
    public int sourceOffset(EventModel event, int outputOffset) {
        int out = 0;
        for (Segment s : segments) {
            int length = s.isLiteral() ? s.end() - s.start() : s.position().write(event.resolve(s.path())).length();
            if (outputOffset < out + length) {
                return s.isLiteral() ? s.start() + (outputOffset - out) : s.start();
            }
            out += length;
        }
        return source.length();
    }
}
