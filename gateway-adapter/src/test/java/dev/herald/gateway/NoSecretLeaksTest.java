package dev.herald.gateway;

import dev.herald.engine.HeraldConfig;
import dev.herald.engine.Herald;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.auth.StandardWebhooksVerifier;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import dev.herald.gateway.cli.HeraldCli;
import dev.herald.gateway.config.ConfigException;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.engine.testing.LogCapture;
import dev.herald.engine.testing.Outcomes;
import dev.herald.gateway.telemetry.DeliveryLog;
import dev.herald.gateway.testing.JsonLogLines;
import dev.herald.gateway.testing.SecretSearch;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.transport.http.HttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * No secret leaves Herald through its logs (as text, and as {@code herald serve --log-format json} writes them, its
 * line for each delivery's end included), its error messages, its objects' {@code toString}, the delivery record
 * or {@code herald check}: one run from a YAML config holding a secret of every kind, with deliveries that
 * succeed, fail with 5xx, time out, are refused by the SSRF guard and cannot render, with config errors and a
 * failed start beside it, Herald's loggers at TRACE and every other at INFO. Everything said along the way is
 * searched for every secret, as given and in hexadecimal and base64.
 */
class NoSecretLeaksTest {
    private static final String LOADED = "LoadedPluginConfig.toString";
    private static final String ENTRY = "the entry get_plugin_config answers";

    private final String bearer = SecretSearch.randomText("brr");
    private final String otherBearer = SecretSearch.randomText("obr");
    private final String apiKey = SecretSearch.randomText("apk");
    private final String hmacSecret = SecretSearch.randomText("hms");
    private final byte[] whsecKey = SecretSearch.randomBytes(32);
    private final byte[] oldWhsecKey = SecretSearch.randomBytes(24);
    private final String whsec = "whsec_" + Base64.getEncoder().encodeToString(whsecKey);
    private final String oldWhsec = "whsec_" + Base64.getEncoder().encodeToString(oldWhsecKey);
    private final String headerSecret = SecretSearch.randomText("hdr");
    private final String pathSecret = SecretSearch.randomText("pth");
    private final String querySecret = SecretSearch.randomText("qry");
    private final SecretSearch search = new SecretSearch()
            .text("bearer token", bearer).text("second bearer token", otherBearer).text("api_key", apiKey)
            .text("hmac_secret", hmacSecret).text("whsec", whsec).key("whsec key", whsecKey)
            .text("old whsec", oldWhsec).key("old whsec key", oldWhsecKey).text("header value", headerSecret);
    private final SecretSearch urlSearch = new SecretSearch()
            .text("URL path", pathSecret).text("URL query", querySecret);

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final Outcomes outcomes = new Outcomes();
    /** Everything captured, by where it came from. */
    private final Map<String, String> said = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** The plugin config: {@code hmacSecret} is how the HMAC secret is written (literally or from the env). */
    private String config(String hmacSecretValue) {
        return """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      templates:
                        counted: '{"count": ${(metadata.count!"0")?number?c}}'
                      webhooks:
                        - url: "%1$s"
                          name: "bearer"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "bearer", token: "%2$s"}
                          headers: {X-Team-Token: "%3$s"}
                        - url: "%4$s"
                          name: "api-key"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "api_key", api_key: "%5$s", api_key_header: "X-Api-Key"}
                          retry_attempts: 1
                          retry_delay: 100
                        - url: "%6$s"
                          name: "hmac"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "hmac", hmac_secret: "%7$s", hmac_algorithm: "sha512"}
                          retry_attempts: 0
                          timeout: 1
                        - url: "%8$s"
                          name: "standard"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "standard_webhooks", secrets: ["%9$s", "%10$s"]}
                        - url: "http://169.254.169.254/latest/%11$s?token=%12$s"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "bearer", token: "%13$s"}
                        - url: "http://10.0.0.1/hooks/%11$s"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "standard_webhooks", secret: "%9$s"}
                        - url: "%14$s/%11$s?token=%12$s"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "hmac", hmac_secret: "%7$s"}
                        - url: "%15$s"
                          name: "counted"
                          template: "counted"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "bearer", token: "%13$s"}
                """.formatted(receiver.url("/bearer"), bearer, headerSecret, receiver.url("/api-key"), apiKey,
                receiver.url("/hmac"), hmacSecretValue, receiver.url("/standard"), whsec, oldWhsec, pathSecret,
                querySecret, otherBearer, receiver.url("/services"), receiver.url("/counted"));
    }

    @Test
    void noSecretIsLoggedPrintedOrRecordedAnywhere() throws Exception {
        receiver.on("/api-key", n -> Answer.body(503, "{\"error\": \"upstream unavailable\"}"))
                .on("/hmac", n -> Answer.noAnswer());
        Path file = dir.resolve("plugins.yaml");
        Files.writeString(file, config("{{ env.HMAC_SECRET }}"));
        List<String> transportSaid = new CopyOnWriteArrayList<>();

        try (LogCapture log = LogCapture.start(Level.TRACE)) {
            LoadedPluginConfig loaded = PluginConfigLoader.load(file, null, Map.of("HMAC_SECRET", hmacSecret));
            describeConfig(loaded);
            run(loaded, transportSaid);
            configErrors();
            failedStart();
            check(Files.writeString(dir.resolve("literal.yaml"), config(hmacSecret)), "check of a valid config");
            check(Files.writeString(dir.resolve("broken.yaml"), config(hmacSecret)
                    .replace("sha512", "md5").replace("X-Api-Key", "X Api Key")), "check of an invalid config");
            said.put("log", String.join("\n", log.rendered()));
            // The same events as herald serve --log-format json writes them.
            JsonLogLines json = JsonLogLines.fromTheCommandsConfig();
            said.put("log as JSON", log.events().stream().map(json::render).collect(Collectors.joining()));
            assertThat(log.events()).as("serve's line for each delivery's end was heard")
                    .anySatisfy(e -> assertThat(e.getLoggerName()).isEqualTo(DeliveryLog.class.getName()));
            assertThat(log.events()).as("Herald's own loggers were heard at DEBUG and below")
                    .anySatisfy(e -> assertThat(e.getLoggerName()).startsWith("dev.herald"));
        }
        said.put("what the transport was asked and answered", String.join("\n", transportSaid));

        // The secrets were really used: the search is not looking at a run that never held them.
        assertThat(receiver.received("/bearer").get(0).headers())
                .containsEntry("Authorization", "Bearer " + bearer).containsEntry("X-Team-Token", headerSecret);
        assertThat(receiver.received("/api-key").get(0).headers()).containsEntry("X-Api-Key", apiKey);
        StandardWebhooksVerifier.of(whsec).verify(receiver.received("/standard").get(0).headers(),
                receiver.received("/standard").get(0).body());
        assertThat(said.get("log")).contains("OutboundRequest[");
        assertThat(search.leaks(said)).isEmpty();
        assertThat(urlSearch.leaks(withoutTheEntry())).isEmpty();
    }

    /**
     * What was said, but for the entry: it is the gateway's own config, handed back to the gateway with its
     * secrets masked and its URLs whole, as the seed's config always showed them.
     */
    private Map<String, String> withoutTheEntry() {
        Map<String, String> texts = new LinkedHashMap<>(said);
        String entry = texts.remove(ENTRY);
        texts.computeIfPresent(LOADED, (label, text) -> text.replace(entry, "(the entry)"));
        return texts;
    }

    private void describeConfig(LoadedPluginConfig loaded) {
        said.put(LOADED, loaded.toString());
        said.put(ENTRY, loaded.entry().toString());
        said.put("HeraldConfig.toString", loaded.herald().toString());
        said.put("HttpTransportConfig.toString", loaded.herald().transport().toString());
        for (Endpoint e : loaded.herald().endpoints()) {
            AuthSpec auth = e.authentication();
            said.put("endpoint " + e.name(), e + " " + e.name() + " " + auth + " " + e.filter() + " "
                    + e.retryPolicy());
        }
    }

    private void run(LoadedPluginConfig loaded, List<String> transportSaid) {
        Transport http = new HttpTransport(loaded.herald().transport());
        Transport recording = new Transport() {
            @Override
            public CompletionStage<TransportResponse> send(OutboundRequest request) {
                transportSaid.add("request " + request);
                return http.send(request).whenComplete((response, error) -> transportSaid.add(
                        "answer " + response + (error == null ? "" : " " + error + "\n" + stackTrace(error))));
            }

            @Override
            public void close() {
                http.close();
            }
        };
        Module overrides = b -> {
            b.bind(Transport.class).toInstance(recording);
            Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);
            Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(new DeliveryLog());
        };
        Herald herald = Herald.start(loaded.herald(), overrides);
        int endpoints = loaded.herald().endpoints().size();
        herald.dispatcher().dispatch(event(EventType.TOOL_SUCCESS, Map.of("tool_name", "search")));
        herald.dispatcher().dispatch(event(EventType.TOOL_ERROR, Map.of("tool_name", "search", "error", "boom",
                "count", "not a number")));
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.outcomes.size() == 2 * endpoints);
        CloseReport report = herald.close(Duration.ofSeconds(5));
        recording.close(); // bound as an instance, so the test owns it, not Herald

        assertThat(outcomes.outcomes).extracting(DeliveryOutcome::status).contains(DeliveryStatus.DELIVERED,
                DeliveryStatus.EXHAUSTED, DeliveryStatus.REJECTED, DeliveryStatus.FAILED_TO_PREPARE);
        assertThat(outcomes.of("hmac")).allSatisfy(o -> assertThat(o.lastError()).contains("timeout"));
        assertThat(outcomes.of("api-key")).allSatisfy(o -> assertThat(o.lastStatusCode()).isEqualTo(503));
        assertThat(outcomes.outcomes).filteredOn(o -> o.endpointName().startsWith("169.254.169.254"))
                .allSatisfy(o -> assertThat(o.lastError()).contains("blocked"));
        said.put("close report", report.toString());
        said.put("delivery outcomes", describeOutcomes());
    }

    private String describeOutcomes() {
        StringBuilder b = new StringBuilder();
        for (AttemptRecord a : outcomes.attempts) {
            b.append(a).append(' ').append(a.error()).append(' ').append(a.responseBody()).append('\n');
        }
        for (DeliveryOutcome o : outcomes.outcomes) {
            b.append(o).append(' ').append(o.lastError()).append(' ').append(o.event()).append('\n');
        }
        return b.toString();
    }

    private static Event event(EventType type, Map<String, Object> metadata) {
        return Event.builder(type).context(new RequestContext("req-1", "alice", "acme", "srv-1"))
                .metadata(metadata).build();
    }

    /**
     * Config errors next to secrets, and secrets pasted where they do not belong: as an algorithm, a type, a
     * number, a rotation list's bad member, a header value with a line break, a URL's path and query.
     */
    private void configErrors() {
        String yaml = """
                webhooks:
                  - url: "http://0x7f.0.0.1/%1$s?token=%7$s"
                    authentication: {type: bearer, token: "%2$s", tokne: "%2$s"}
                    headers: {"X-Team-Token": "%3$s\\n"}
                  - url: "https://b.example.com/"
                    authentication: {type: hmac, hmac_secret: "%4$s", hmac_algorithm: "%4$s"}
                    retry_delay: "%4$s"
                  - url: "https://c.example.com/"
                    authentication: {type: standard_webhooks, secrets: ["%6$s", "whsec_%5$s", "%5$s"]}
                  - url: "https://d.example.com/"
                    authentication: {type: "%5$s", api_key: "%5$s"}
                    timeout: "%6$s"
                """.formatted(pathSecret, bearer, headerSecret, hmacSecret, apiKey, whsec, querySecret);
        try {
            PluginConfigLoader.loadString(yaml, "errors.yaml", null, Map.of());
            throw new AssertionError("the config with errors loaded");
        } catch (ConfigException e) {
            assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(8);
            said.put("config errors", e + "\n" + String.join("\n", e.errors()) + "\n" + stackTrace(e));
        }
    }

    /** A library config that cannot start: a key the signer refuses, a template that is not JSON. */
    private void failedStart() {
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(
                Endpoint.builder("https://hooks.example.com/" + pathSecret + "?token=" + querySecret)
                        .authentication(AuthSpec.of("standard_webhooks", Map.of("secret", "whsk_" + apiKey)))
                        .build(),
                Endpoint.builder("https://hooks.example.com/other").name("other")
                        .authentication(AuthSpec.of("hmac", Map.of("hmac_secret", hmacSecret,
                                "hmac_algorithm", "sha3")))
                        .build()))
                .build();
        try {
            Herald.start(config).close();
            throw new AssertionError("Herald started with a key it cannot sign with");
        } catch (RuntimeException e) {
            said.put("failed start", e + "\n" + stackTrace(e));
        }
    }

    private void check(Path file, String label) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int exit;
        try {
            exit = new CommandLine(new HeraldCli()).execute("check", "--config", file.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).as(label).contains(label.contains("invalid") ? "is not valid" : "the config is valid");
        assertThat(exit).as(label).isEqualTo(label.contains("invalid") ? 1 : 0);
        said.put(label, printed);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
