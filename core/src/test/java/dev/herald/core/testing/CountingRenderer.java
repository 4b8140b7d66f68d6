package dev.herald.core.testing;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import dev.herald.core.template.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A renderer for the core's unit tests: each template key renders {@code {"template":k,"event":id}} and counts
 * its renders; the key {@code broken} always fails.
 */
public final class CountingRenderer implements TemplateRenderer {
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    @Override
    public CompiledTemplate select(Event event, Endpoint endpoint) {
        String key = endpoint.template().orElse("default");
        return templates.computeIfAbsent(key, Template::new);
    }

    /** How often the template of that key rendered. */
    public int renders(String key) {
        Template t = templates.get(key);
        return t == null ? 0 : t.count.get();
    }

    private static final class Template implements CompiledTemplate {
        private final String key;
        private final AtomicInteger count = new AtomicInteger();

        Template(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public byte[] render(Event event) {
            count.incrementAndGet();
            if (key.equals("broken")) {
                throw new TemplateRenderException("metadata.missing is not defined");
            }
            return ("{\"template\":\"" + key + "\",\"event\":\"" + event.id() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
