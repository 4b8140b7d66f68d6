package dev.herald.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Prometheus scrape shows of a delivery through a store: every meter under the name the dashboard reads,
 * with its labels, and the histograms with their buckets.
 */
class PrometheusNamesTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "herald-dashboard.json");
    // A series name in a PromQL query, with its selector when it has one.
    private static final Pattern SERIES = Pattern.compile("\\b((?:herald|http_client)_[a-z_]+)(\\{[^}]*})?");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)\\s*(?:=~|!=|=)");
    @TempDir
    Path directory;

    @Test
    void aScrapeShowsEveryMeterUnderItsPrometheusName() {
        assertEveryMeter(scrapeAfterOneDelivery());
    }

    @Test
    void everySeriesTheGrafanaDashboardQueriesIsInAScrapeWithTheLabelsItFiltersOn() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        String scrape = scrapeAfterOneDelivery();

        Set<String> series = new TreeSet<>();
        for (String query : queries) {
            Matcher m = SERIES.matcher(query);
            while (m.find()) {
                series.add(m.group(1));
                String selector = m.group(2);
                if (selector != null) {
                    Matcher label = LABEL.matcher(selector);
                    while (label.find()) {
                        String name = m.group(1);
                        String key = label.group(1);
                        assertThat(scrape.lines()).as("%s has a label %s", name, key)
                                .anyMatch(l -> l.startsWith(name + "{") && l.contains(key + "=\""));
                    }
                }
            }
        }
        assertThat(series).contains("herald_deliveries_total", "http_client_request_duration_seconds_bucket",
                "herald_circuit_state", "herald_store_commit_duration_seconds_bucket");
        for (String name : series) {
            assertThat(scrape.lines()).as("the dashboard queries %s", name)
                    .anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
        }
    }

    private String scrapeAfterOneDelivery() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TestReceiver receiver = new TestReceiver()) {
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .endpoints(List.of(Endpoint.builder(receiver.url("/ok")).name("ok")
                            .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build()))
                    .store(StoreSettings.sqlite(SqliteStoreConfig.in(directory))).build();
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry))) {
                herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.scrape()
                        .contains("herald_deliveries_total{endpoint=\"ok\",outcome=\"delivered\"} 1.0"));
                return registry.scrape();
            }
        }
    }

    private static void assertEveryMeter(String scrape) {
        List<String> lines = Arrays.asList(scrape.split("\n"));
        assertThat(lines).anyMatch(l -> l.startsWith("http_client_request_duration_seconds_bucket{")
                && l.contains("endpoint=\"ok\"") && l.contains("error_type=\"none\"")
                && l.contains("http_request_method=\"POST\"") && l.contains("http_response_status_code=\"200\"")
                && l.contains("le=\""));
        assertThat(lines).contains(
                "herald_attempts_total{endpoint=\"ok\",http_request_resend_count=\"0\"} 1.0",
                "herald_events_total{reason=\"none\",result=\"accepted\"} 1.0",
                "herald_retries_scheduled_total{endpoint=\"ok\"} 0.0",
                "herald_endpoints_disabled 0.0",
                "herald_backlog_deliveries 0.0",
                "herald_backlog_in_flight 0.0",
                "herald_backlog_retry_waiting 0.0",
                "herald_endpoint_queue_depth{endpoint=\"ok\"} 0.0");
        assertThat(lines).anyMatch(l -> l.startsWith("herald_delivery_duration_seconds_bucket{endpoint=\"ok\","));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_backlog_oldest_age_seconds "));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_store_commit_duration_seconds_bucket{")
                && l.contains("store=\"sqlite\""));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_store_commit_size_count{store=\"sqlite\"}"));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_store_append_duration_seconds_count{store=\"sqlite\"}"));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_store_pending{store=\"sqlite\"}"));
        assertThat(lines).anyMatch(l -> l.startsWith("herald_store_lease_renewals_total "));
    }
}
