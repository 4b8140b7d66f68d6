package dev.herald.auth.internal;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The {@code standard_webhooks} type: {@code webhook-id} (the delivery id, the same on every attempt),
 * {@code webhook-timestamp} (this attempt's epoch seconds) and {@code webhook-signature}, one
 * {@code <version>,<base64>} per key, space-separated, so that receivers can rotate secrets without downtime.
 *
 * <p>The dispatcher sends {@code webhook-id} on every delivery whatever the signing; this signer still names it, with
 * the id it signs, so that its headers are a whole Standard Webhooks set wherever it is used.
 */
public final class StandardWebhooksSigner implements RequestSigner {
    /** The header names the specification fixes. */
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private final List<WebhookSigningKey> keys;

    private StandardWebhooksSigner(List<WebhookSigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads {@code secret} (one key) or {@code secrets} (a list, for rotation), decoding every key now. */
    public static StandardWebhooksSigner fromSettings(AuthSettings settings) {
        Optional<String> secret = settings.optionalString("secret");
        Optional<List<String>> secrets = settings.optionalStringList("secrets");
        if (secret.isPresent() && secrets.isPresent()) {
            throw new IllegalArgumentException(AuthSettings.where("secrets")
                    + ": set either secret or secrets (a list, for rotation), not both");
        }
        List<WebhookSigningKey> keys = new ArrayList<>();
        if (secret.isPresent()) {
            keys.add(StandardWebhooksKeys.signingKey(secret.get(), AuthSettings.where("secret")));
        } else if (secrets.isPresent()) {
            List<String> list = secrets.get();
            for (int i = 0; i < list.size(); i++) {
                keys.add(StandardWebhooksKeys.signingKey(list.get(i), AuthSettings.where("secrets[" + i + "]")));
            }
        } else {
            throw new IllegalArgumentException(AuthSettings.where("secret")
                    + ": required for type standard_webhooks (or secrets, a list, for rotation)");
        }
        return new StandardWebhooksSigner(keys);
    }

    @Override
    public void sign(SigningInput input, BiConsumer<String, String> headers) {
        String id = input.deliveryId();
        // The id comes from events rather than config, so it is checked where it enters a header.
        HeaderRules.requireValidValue(id, ID_HEADER);
        String timestamp = Long.toString(input.timestamp().getEpochSecond());
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] timestampBytes = timestamp.getBytes(StandardCharsets.US_ASCII);
        byte[] body = input.body();
        String signature;
        if (keys.size() == 1) {
            WebhookSigningKey key = keys.get(0);
            signature = key.version() + "," + key.sign(idBytes, timestampBytes, body);
        } else {
            StringBuilder sb = new StringBuilder(keys.size() * 96);
            for (WebhookSigningKey key : keys) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(key.version()).append(',').append(key.sign(idBytes, timestampBytes, body));
            }
            signature = sb.toString();
        }
        headers.accept(ID_HEADER, id);
        headers.accept(TIMESTAMP_HEADER, timestamp);
        headers.accept(SIGNATURE_HEADER, signature);
    }

    @Override
    public String toString() {
        return "StandardWebhooksSigner[type=standard_webhooks, header=" + SIGNATURE_HEADER + "]";
    }
}
