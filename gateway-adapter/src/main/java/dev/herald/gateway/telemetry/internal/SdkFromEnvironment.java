package dev.herald.gateway.telemetry.internal;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenTelemetry SDK as its autoconfiguration builds it from the {@code otel.*} settings, which serve derives
 * from the {@code OTEL_*} variables. The SDK is the caller's to shut down: no shutdown hook of its own, and never
 * the global instance.
 */
public final class SdkFromEnvironment {
    private static final Pattern PROPERTY = Pattern.compile("otel\\.[a-z0-9.]*[a-z0-9]");

    private SdkFromEnvironment() {
    }

    /**
     * Builds the SDK.
     *
     * @param variables the {@code OTEL_*} variables set, named when the SDK's refusal names none
     * @throws IllegalArgumentException on a setting the SDK refuses, in one line naming its variable
     */
    public static OpenTelemetrySdk build(Map<String, String> properties, List<String> variables) {
        try {
            return AutoConfiguredOpenTelemetrySdk.builder()
                    // Overrides: what serve read wins over what the SDK would read from the process itself.
                    .addPropertiesCustomizer(config -> properties)
                    .disableShutdownHook()
                    .build().getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(refusal(e, variables), e);
        }
    }

    /**
     * The SDK's refusal in one line, each property named as the variable a user sets; when it names none, the
     * variables that are set, among which the bad one is.
     */
    static String refusal(ConfigurationException e, List<String> variables) {
        // "Unexpected configuration error" wraps what a component refused, which says more.
        boolean namesOne = e.getMessage() != null && PROPERTY.matcher(e.getMessage()).find();
        Throwable said = !namesOne && e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String message = said.getMessage() == null || said.getMessage().isBlank() ? "not valid"
                : said.getMessage().strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        Matcher m = PROPERTY.matcher(message);
        StringBuilder out = new StringBuilder("OpenTelemetry settings: ");
        boolean named = false;
        while (m.find()) {
            named = true;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().toUpperCase(Locale.ROOT).replace('.', '_')));
        }
        m.appendTail(out);
        if (!named) {
            out.append(" (one of ").append(String.join(", ", variables)).append(')');
        }
        return out.toString();
    }
}
