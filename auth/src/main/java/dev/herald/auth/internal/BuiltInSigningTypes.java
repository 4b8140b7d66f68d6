package dev.herald.auth.internal;

import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SignerFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signing types Herald ships, each a {@link SignerFactory} for one type. Each reads its settings through
 * {@link AuthSettings}, which refuses a key no built-in type knows (a typo would otherwise disable a setting).
 */
public final class BuiltInSigningTypes {
    private BuiltInSigningTypes() {}

    /** Every built-in type by name, in the order the docs list them. */
    public static Map<String, SignerFactory> all() {
        Map<String, SignerFactory> types = new LinkedHashMap<>();
        types.put("none", spec -> {
            AuthSettings.of(spec);
            return RequestSigner.NONE;
        });
        types.put("bearer", spec -> StaticHeaderSigner.bearer(AuthSettings.of(spec)));
        types.put("api_key", spec -> StaticHeaderSigner.apiKey(AuthSettings.of(spec)));
        types.put("hmac", spec -> SeedHmacSigner.fromSettings(AuthSettings.of(spec)));
        types.put("standard_webhooks", spec -> StandardWebhooksSigner.fromSettings(AuthSettings.of(spec)));
        return types;
    }
}
