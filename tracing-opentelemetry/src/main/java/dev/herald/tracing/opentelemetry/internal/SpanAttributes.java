package dev.herald.tracing.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes Herald's spans carry: OpenTelemetry's semantic conventions (HTTP client, messaging) where one
 * fits, Herald's own ({@code herald.*}) otherwise. Written out here rather than taken from the semantic
 * conventions artifact, so that the module depends on the OpenTelemetry API alone.
 */
final class SpanAttributes {
    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
            AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("herald.event.type");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("herald.event.id");
    static final AttributeKey<Long> EVENT_DELIVERIES = AttributeKey.longKey("herald.event.deliveries");

    /** The value of {@code messaging.system}: Herald is the intermediary that carries the events. */
    static final String SYSTEM = "herald";

    private SpanAttributes() {}
}
