package dev.herald.auth.internal;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import java.util.function.BiConsumer;

/** Adds one fixed header to every attempt: the {@code bearer} and {@code api_key} types. */
public final class StaticHeaderSigner implements RequestSigner {
    private final String type;
    private final String headerName;
    private final String headerValue;

    private StaticHeaderSigner(String type, String headerName, String headerValue) {
        this.type = type;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    /** {@code Authorization: Bearer <token>}. */
    public static StaticHeaderSigner bearer(AuthSettings settings) {
        String token = settings.requiredString("token");
        HeaderRules.requireValidValue(token, AuthSettings.where("token"));
        return new StaticHeaderSigner("bearer", "Authorization", "Bearer " + token);
    }

    /** {@code <api_key_header>: <api_key>}, the header defaulting to {@code X-API-Key} as in the seed. */
    public static StaticHeaderSigner apiKey(AuthSettings settings) {
        String key = settings.requiredString("api_key");
        HeaderRules.requireValidValue(key, AuthSettings.where("api_key"));
        String header = settings.string("api_key_header", "X-API-Key");
        HeaderRules.requireConfigurableName(header, AuthSettings.where("api_key_header"));
        return new StaticHeaderSigner("api_key", header, key);
    }

    @Override
    public void sign(SigningInput input, BiConsumer<String, String> headers) {
        headers.accept(headerName, headerValue);
    }

    @Override
    public String toString() {
        return "StaticHeaderSigner[type=" + type + ", header=" + headerName + "]";
    }
}
