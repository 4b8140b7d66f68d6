package dev.herald.transport.http.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A response's headers as the transport's answer promises them (lower-case names, first value of each), read
 * through to netty's case-insensitive headers. Most answers are only asked for one header, or none, so the
 * lower-cased copy is made on first iteration rather than for every response.
 */
final class ResponseHeaders extends AbstractMap<String, String> {
    private final HttpHeaders headers;
    private Map<String, String> copy;

    ResponseHeaders(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object name) {
        return name instanceof String s && isLowerCase(s) ? headers.get(s) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String s && isLowerCase(s) && headers.contains(s);
    }

    @Override
    public int size() {
        return lowerCased().size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return lowerCased().entrySet();
    }

    private synchronized Map<String, String> lowerCased() {
        if (copy == null) {
            Map<String, String> m = new LinkedHashMap<>();
            headers.forEach(e -> m.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            copy = Collections.unmodifiableMap(m);
        }
        return copy;
    }

    /** Names are promised in lower case; a mixed-case lookup misses, as it would on a plain copy. */
    private static boolean isLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }
}
