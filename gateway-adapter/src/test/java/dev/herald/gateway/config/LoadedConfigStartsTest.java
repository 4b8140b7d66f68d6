package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.engine.Herald;
import org.junit.jupiter.api.Test;

/** What the loader accepts, Herald starts: loading checked everything start-up checks. */
class LoadedConfigStartsTest {

    @Test
    void aConfigWithStandardWebhooksAndHmacEndpointsStartsAndCloses() throws ConfigException {
        LoadedPluginConfig loaded = Configs.fixture("herald-full.yaml", null, HeraldKeysTest.ENV);
        assertThat(loaded.herald().endpoints()).extracting(e -> e.authentication().type())
                .contains("standard_webhooks", "hmac");

        Herald herald = Herald.start(loaded.herald());
        CloseReport report = herald.close(java.time.Duration.ofSeconds(5));

        assertThat(report.drained()).isTrue();
        assertThat(report.undelivered()).isEmpty();
    }

    @Test
    void theSeedExampleStartsAndCloses() throws ConfigException {
        LoadedPluginConfig loaded = Configs.fixture("seed-example.yaml");
        assertThat(loaded.herald().endpoints()).extracting(Endpoint::name).containsExactly("hooks.example.com");

        try (Herald herald = Herald.start(loaded.herald())) {
            assertThat(herald.dispatcher()).isNotNull();
        }
    }
}
