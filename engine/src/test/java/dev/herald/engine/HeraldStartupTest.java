package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.templates.TemplateConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad config stops Herald at start-up with a message that names what is wrong, never a secret. */
class HeraldStartupTest {

    @Test
    void anEndpointNamingAnUnknownTemplateFailsAtStart() {
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(Endpoint.builder("https://x.example/h")
                .name("slack").template("slack_alert").build())).build();

        assertThatThrownBy(() -> Herald.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack_alert");
    }

    @Test
    void aTemplateThatIsNotJsonFailsAtStartNamingItsKey() {
        HeraldConfig config = HeraldConfig.builder().templates(TemplateConfig.builder()
                .payloadTemplate("tool_error", "{\"text\": {{metadata.error}").build()).build();

        assertThatThrownBy(() -> Herald.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload_templates.tool_error");
    }

    @Test
    void badAuthenticationFailsAtStartNamingTheEndpointAndKeyButNotTheSecret() {
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(Endpoint.builder("https://x.example/h")
                .name("ops").authentication(AuthSpec.of("hmac", Map.of("hmac_secret", "hunter2-secret",
                        "hmac_algorithm", "md5"))).build())).build();

        assertThatThrownBy(() -> Herald.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint 'ops'").hasMessageContaining("hmac_algorithm")
                .hasMessageNotContaining("hunter2-secret");
    }
}
