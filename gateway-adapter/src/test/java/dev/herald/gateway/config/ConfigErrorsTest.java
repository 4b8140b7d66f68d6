package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of error names its path and what was expected, and all of them are reported at once. */
class ConfigErrorsTest {
    private static final String KNOWN_EVENTS = "known: violation, rate_limit_exceeded, pii_detected, harmful_content,"
            + " tool_success, tool_error, prompt_success, resource_success, plugin_error";

    private static String plugin(String config) {
        return """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    config:
                """ + config.indent(6);
    }

    @Test
    void aValueOutOfRangeNamesItsFullPathInAGatewayFile() {
        assertThat(Configs.errors(plugin("""
                webhooks:
                  - url: "https://a.example.com/"
                  - url: "https://b.example.com/"
                    retry_delay: 50
                """))).containsExactly(
                "plugins[0].config.webhooks[1].retry_delay: must be between 100 and 60000, got 50");
    }

    @Test
    void aValueOutOfRangeNamesItsPathInAConfigBlock() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                  - url: "https://b.example.com/"
                    retry_delay: 50
                """)).containsExactly("webhooks[1].retry_delay: must be between 100 and 60000, got 50");
    }

    @Test
    void everySeedRangeIsChecked() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_attempts: 11
                    retry_delay: 60001
                    timeout: 0
                  - url: "https://a.example.com/"
                    retry_attempts: -1
                    timeout: 121
                max_payload_size: -1
                """)).containsExactly(
                "max_payload_size: must be at least 0, got -1",
                "webhooks[0].retry_attempts: must be between 0 and 10, got 11",
                "webhooks[0].retry_delay: must be between 100 and 60000, got 60001",
                "webhooks[0].timeout: must be between 1 and 120, got 0",
                "webhooks[1].retry_attempts: must be between 0 and 10, got -1",
                "webhooks[1].timeout: must be between 1 and 120, got 121");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_attempts: three
                    retry_delay: 1000.5
                    enabled: yes
                    timeout: [10]
                    events: violation
                    headers: ["X-A: b"]
                    propagate_trace_context: "on"
                include_payload_data: 1
                """)).containsExactly(
                "include_payload_data: expected true or false, got 1",
                "webhooks[0].events: expected a list, got 'violation'",
                "webhooks[0].retry_attempts: expected an integer, got 'three'",
                "webhooks[0].retry_delay: expected an integer, got 1000.5",
                "webhooks[0].timeout: expected an integer, got a list",
                "webhooks[0].enabled: expected true or false, got 'yes'",
                "webhooks[0].headers: expected a map of strings, got a list",
                "webhooks[0].propagate_trace_context: expected true or false, got 'on'");
    }

    @Test
    void hugeNumbersAreEchoedInShortAndFailFast() {
        // Written out digit by digit, 1e999999999 is a billion characters: it once filled the heap.
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_attempts: 100000000000000000000000000000000000000
                    retry_jitter: "1e999999999"
                    max_retry_after: "-1e999999999"
                http:
                  connect_timeout: "1e-999999999"
                """ + "  read_timeout: \"1" + "0".repeat(2000) + "\"\n")).containsExactly(
                "webhooks[0].retry_attempts: must be between 0 and 10, got 1E+38",
                "webhooks[0].retry_jitter: must be between 0 and 1, got 1E+999999999",
                "webhooks[0].max_retry_after: must be between 0 and 86400, got -1E+999999999",
                "http.connect_timeout: must be at least 1 nanosecond, got 1E-999999999",
                "http.read_timeout: expected a number of seconds, got '1" + "0".repeat(63) + "...'");
    }

    @Test
    void keysAreEscapedInPaths() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers: {"X-A\\r\\nX-B": 5}
                "bad\\nkey": "{{ env.NOPE }}"
                """)).containsExactly(
                "bad\\x0akey: environment variable 'NOPE' is not set",
                "webhooks[0].headers.X-A\\x0d\\x0aX-B: expected a string, got a number (quote it to make it a string)");
    }

    @Test
    void aMissingUrlAndABadUrlAreReported() {
        assertThat(Configs.errors("""
                webhooks:
                  - events: [violation]
                  - url: "ftp://files.example.com/"
                  - url: "https://user:password@a.example.com/"
                  - url: "not a url"
                  - "https://a.example.com/"
                """)).containsExactly(
                "webhooks[0].url: required (the webhook's http or https URL)",
                "webhooks[1].url: scheme must be http or https, got ftp",
                "webhooks[2].url: must not carry credentials; use authentication instead",
                "webhooks[3].url: not a valid URL (Illegal character in path)",
                "webhooks[4]: expected a map, got 'https://a.example.com/'");
    }

    @Test
    void anUnknownEventTypeSuggestsTheNearestKnownOne() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    events: ["violation", "tool_success", "tool_eror", "TOOL_ERROR", "no spaces please", 3]
                """)).containsExactly(
                "webhooks[0].events[2]: unknown event type 'tool_eror'; " + KNOWN_EVENTS
                        + " (did you mean 'tool_error'?)",
                "webhooks[0].events[3]: unknown event type 'TOOL_ERROR'; " + KNOWN_EVENTS
                        + " (did you mean 'tool_error'?)",
                "webhooks[0].events[4]: unknown event type 'no spaces please'; " + KNOWN_EVENTS
                        + "; a custom type must match [a-z0-9_.]+, at most 128 characters",
                "webhooks[0].events[5]: expected an event type name, got 3");
    }

    @Test
    void anEmptyEventListIsRefused() {
        assertThat(Configs.errors("webhooks:\n  - {url: \"https://a.example.com/\", events: []}\n"))
                .containsExactly("webhooks[0].events: must name at least one event type");
    }

    @Test
    void unknownKeysSuggestTheNearestKnownKey() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_dealy: 1000
                    timout: 5
                    authentication: {type: bearer, tokne: "t", hmac_secert: "s"}
                    circuit_breaker: {half_open_probe: 2}
                    frobnicate: true
                default_templat: "{}"
                http: {conect_timeout: 1}
                """)).containsExactly(
                "default_templat: unknown key (did you mean 'default_template'?)",
                "webhooks[0].retry_dealy: unknown key (did you mean 'retry_delay'?)",
                "webhooks[0].timout: unknown key (did you mean 'timeout'?)",
                "webhooks[0].frobnicate: unknown key; known keys: url, events, authentication, retry_attempts,"
                        + " retry_delay, timeout, enabled, name, headers, retry_jitter, max_retry_delay,"
                        + " max_retry_after, template, propagate_trace_context, rate_limit, circuit_breaker,"
                        + " tls_insecure",
                "webhooks[0].authentication.tokne: unknown key (did you mean 'token'?)",
                "webhooks[0].authentication.hmac_secert: unknown key (did you mean 'hmac_secret'?)",
                "webhooks[0].circuit_breaker.half_open_probe: unknown key (did you mean 'half_open_probes'?)",
                "http.conect_timeout: unknown key (did you mean 'connect_timeout'?)");
    }

    @Test
    void authenticationIsCheckedByItsSignerFactory() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    authentication: {type: bearr}
                  - url: "https://a.example.com/"
                    authentication: {type: bearer}
                  - url: "https://a.example.com/"
                    authentication: {type: hmac, hmac_secret: "s", hmac_algorithm: md5}
                  - url: "https://a.example.com/"
                    authentication: {type: standard_webhooks, secret: "plain"}
                  - url: "https://a.example.com/"
                    authentication: {type: api_key, api_key: 12345}
                  - url: "https://a.example.com/"
                    authentication: "bearer"
                """)).containsExactly(
                "webhooks[0].authentication.type: unknown type 'bearr'; known: none, bearer, api_key, hmac,"
                        + " standard_webhooks (did you mean 'bearer'?)",
                "webhooks[1].authentication.token: required for type bearer",
                "webhooks[2].authentication.hmac_algorithm: must be one of sha256, sha384, sha512, sha1, got 'md5'",
                "webhooks[3].authentication.secret: must start with whsec_ (HMAC-SHA256, v1) or whsk_ (Ed25519, v1a)",
                "webhooks[4].authentication.api_key: expected a string, got a number (quote it)",
                "webhooks[5].authentication: expected a map, got 'bearer'");
    }

    @Test
    void heraldsKeysAreCheckedToo() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    name: "line\\nbreak"
                    headers: {"Bad Header": "v", "X-Split": "a\\r\\nX-Injected: 1", "X-Num": 3}
                    template: slak
                    retry_jitter: 1.5
                    max_retry_delay: 500
                    retry_delay: 1000
                    max_retry_after: -1
                    rate_limit: 0
                    circuit_breaker: {consecutive_failures: 0, failure_rate_threshold: 0, wait_in_open_state: 0}
                    max_concurrent_requests: 0
                    tls_insecure: "yes"
                  - url: "https://a.example.com/"
                    circuit_breaker: {sliding_window_size: 10, minimum_number_of_calls: 20}
                templates: {slack: '{"text": "{{event}}"}'}
                """)).containsExactly(
                // A key Herald once read is refused with what to write instead, before the others are checked.
                "webhooks[0].max_concurrent_requests: no longer a setting: the dispatcher alone bounds the"
                        + " attempts in flight to each endpoint; set the block's max_in_flight_per_endpoint instead",
                "webhooks[0].name: at most 200 characters and no control characters",
                "webhooks[0].retry_jitter: must be between 0 and 1, got 1.5",
                "webhooks[0].max_retry_after: must be between 0 and 86400, got -1",
                "webhooks[0].max_retry_delay: must be at least retry_delay (1000), got 500",
                "webhooks[0].headers.X-Num: expected a string, got a number (quote it to make it a string)",
                "webhooks[0].headers: header name 'Bad Header' has a character not allowed in a header name at"
                        + " position 3",
                "webhooks[0].headers.X-Split: header value has a control character (CR, LF or other) at position 1",
                "webhooks[0].template: unknown template 'slak'; known: slack (did you mean 'slack'?)",
                "webhooks[0].rate_limit: must be at least 1, got 0",
                "webhooks[0].tls_insecure: expected true or false, got 'yes'",
                "webhooks[0].circuit_breaker.consecutive_failures: must be at least 1, got 0",
                "webhooks[0].circuit_breaker.failure_rate_threshold: must be more than 0 and at most 100, got 0",
                "webhooks[0].circuit_breaker.wait_in_open_state: must be between 1 and 86400000, got 0",
                "webhooks[1].circuit_breaker.minimum_number_of_calls: must not exceed"
                        + " circuit_breaker.sliding_window_size (10), got 20");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThat(Configs.errors("""
                webhooks:
                  - {url: "https://a.example.com/", name: ops}
                  - {url: "https://b.example.com/", name: ops}
                """)).containsExactly("webhooks[1].name: duplicate name 'ops', already the name of webhooks[0]");
    }

    @Test
    void blockAndTransportKeysAreChecked() {
        assertThat(Configs.errors("""
                webhooks: []
                allowed_networks: ["10.0.0.0/8", "10.0.0.0/33", "everything"]
                capacity: 99999999999
                max_in_flight_per_endpoint: 1.5
                close_timeout: -2
                http:
                  max_connections: 0
                  connect_timeout: 0
                  read_timeout: "slow"
                  write_timeout: 100000
                  max_response_body_bytes: -1
                  max_request_body_bytes: 0
                max_output_bytes: 67108865
                max_render_time: 61
                """)).containsExactly(
                "max_output_bytes: must be between 1 and 67108864, got 67108865",
                "max_render_time: must be more than 0 and at most 60, got 61",
                "http.max_connections: must be at least 1, got 0",
                "http.connect_timeout: must be more than 0 and at most 86400, got 0",
                "http.read_timeout: expected a number of seconds, got 'slow'",
                "http.write_timeout: must be more than 0 and at most 86400, got 100000",
                "http.max_response_body_bytes: must be at least 0, got -1",
                "http.max_request_body_bytes: must be at least 1, got 0",
                "allowed_networks[1]: not a CIDR range (such as 10.0.0.0/8 or fd00::/8), got '10.0.0.0/33'",
                "allowed_networks[2]: not a CIDR range (such as 10.0.0.0/8 or fd00::/8), got 'everything'",
                "capacity: must be at most 2147483647, got 99999999999",
                "max_in_flight_per_endpoint: expected an integer, got 1.5",
                "close_timeout: must be between 0 and 86400, got -2");
    }

    @Test
    void theRenderedBodyMustFitTheRequestBodyCap() {
        assertThat(Configs.errors("""
                webhooks: []
                max_output_bytes: 2000000
                http: {max_request_body_bytes: 1000000}
                """)).containsExactly("max_output_bytes: must be at most http.max_request_body_bytes (1000000), got"
                + " 2000000: a body that large would be rendered, then refused by the transport");
        assertThat(Configs.errors("webhooks: []\nhttp: {max_request_body_bytes: 1000}\n")).containsExactly(
                "max_output_bytes: must be at most http.max_request_body_bytes (1000), got 1048576: a body that"
                        + " large would be rendered, then refused by the transport");
    }

    @Test
    void templatesAreCompiledAndCheckedWithTheirPaths() {
        assertThat(Configs.errors(plugin("""
                payload_templates:
                  tool_error: '{"text": {{metadata.error}'
                  tool_eror: '{"a": 1}'
                default_template: "not json"
                templates: {"bad name": "{}", blank: " "}
                """))).containsExactly(
                "plugins[0].config.payload_templates.tool_eror: unknown event type 'tool_eror'; " + KNOWN_EVENTS
                        + " (did you mean 'tool_error'?)",
                "plugins[0].config.templates.bad name: must be a template name, [A-Za-z0-9_.-]+",
                "plugins[0].config.templates.blank: must not be blank",
                "plugins[0].config.default_template: line 1, column 1: the output is not valid JSON (Unrecognized"
                        + " token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                        + " 'false')) when rendering a sample violation event with every field present; near"
                        + " \"not json\"",
                "plugins[0].config.payload_templates.tool_error: line 1, column 11: the output is not valid JSON"
                        + " (Unexpected character ('{' (code 123)): was expecting double-quote to start field name)"
                        + " when rendering a sample tool_error event with every field present; near"
                        + " \"{\\\"text\\\": {{metadata....\"");
    }

    @Test
    void theEntrysOwnKeysAreChecked() {
        assertThat(Configs.errors("""
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invok", "agent_pre_invoke"]
                    mode: "sequental"
                    priority: "high"
                    conditions:
                      - server_ids: "srv-1"
                        tool: ["search"]
                        agents: ["a1"]
                """)).containsExactly(
                "plugins[0].hooks[0]: unknown hook 'tool_post_invok'; the webhook plugin implements prompt_pre_fetch,"
                        + " prompt_post_fetch, tool_pre_invoke, tool_post_invoke, resource_pre_fetch,"
                        + " resource_post_fetch (did you mean 'tool_post_invoke'?)",
                "plugins[0].hooks[1]: unknown hook 'agent_pre_invoke'; the webhook plugin implements"
                        + " prompt_pre_fetch, prompt_post_fetch, tool_pre_invoke, tool_post_invoke,"
                        + " resource_pre_fetch, resource_post_fetch",
                "plugins[0].mode: unknown mode 'sequental'; known: sequential, transform, audit, concurrent,"
                        + " fire_and_forget, disabled, enforce, enforce_ignore_error, permissive (did you mean"
                        + " 'sequential'?)",
                "plugins[0].priority: expected an integer, got 'high'",
                "plugins[0].conditions[0].tool: unknown key (did you mean 'tools'?)",
                "plugins[0].conditions[0].agents: not supported by Herald, whose events carry no agents; remove it"
                        + " or leave it empty",
                "plugins[0].conditions[0].server_ids: expected a list, got 'srv-1'");
    }

    @Test
    void manyErrorsAreReportedAtOnceInFileOrder() {
        List<String> errors = Configs.errors(plugin("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_attempts: 42
                  - url: "ftp://b.example.com/"
                    events: [tool_eror]
                    timeout: 0
                  - url: "https://c.example.com/"
                    authentication: {type: hmac}
                capacity: -1
                """));

        assertThat(errors).containsExactly(
                "plugins[0].config.webhooks[0].retry_attempts: must be between 0 and 10, got 42",
                "plugins[0].config.webhooks[1].url: scheme must be http or https, got ftp",
                "plugins[0].config.webhooks[1].events[0]: unknown event type 'tool_eror'; " + KNOWN_EVENTS
                        + " (did you mean 'tool_error'?)",
                "plugins[0].config.webhooks[1].timeout: must be between 1 and 120, got 0",
                "plugins[0].config.webhooks[2].authentication.hmac_secret: required for type hmac",
                "plugins[0].config.capacity: must be at least 1, got -1");
    }

    @Test
    void customEventTypesAreAcceptedWhenTheyAreNoTypo() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/"
                    events: ["billing.invoice_paid", "deploy_finished"]
                payload_templates: {deploy_finished: '{"text": "deployed"}'}
                """);

        assertThat(c.herald().endpoints().get(0).filter().types()).extracting(t -> t.name())
                .containsExactlyInAnyOrder("billing.invoice_paid", "deploy_finished");
    }

    @Test
    void nullMeansTheDefault() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/"
                    retry_attempts:
                    authentication:
                    events: ~
                """);

        assertThat(c.herald().endpoints().get(0).retryPolicy().retryAttempts()).isEqualTo(3);
    }
}
