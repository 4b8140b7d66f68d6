package dev.herald.gateway;

import dev.herald.engine.Herald;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.engine.testing.LogCapture;
import dev.herald.engine.testing.Outcomes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/**
 * {@code tls_insecure} from YAML: the one webhook that sets it reaches a receiver with a self-signed certificate,
 * its neighbour on the same host and port is refused, and Herald's start-up warns about that webhook by name.
 */
class TlsConfigTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Outcomes outcomes = new Outcomes();
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void tlsInsecureSkipsVerificationForItsWebhookOnlyAndIsWarnedAboutAtStart() throws Exception {
        server = selfSignedServer();
        String base = "https://127.0.0.1:" + server.port();
        LoadedPluginConfig loaded = PluginConfigLoader.loadString("""
                allowed_networks: ["127.0.0.0/8"]
                webhooks:
                  - {url: "%1$s/insecure", name: "test-receiver", events: [tool_error], tls_insecure: true}
                  - {url: "%1$s/verified", name: "verified", events: [tool_error], retry_attempts: 0}
                  - {url: "%1$s/explicit", name: "explicit", events: [tool_error], retry_attempts: 0,
                     tls_insecure: false}
                """.formatted(base), "tls.yaml", null, Map.of());
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);

        List<ILoggingEvent> warnings;
        try (LogCapture log = LogCapture.start(Level.INFO);
                Herald herald = Herald.start(loaded.herald(), listen)) {
            warnings = log.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR)
                    .context(new RequestContext("req-1", "alice", "acme", "srv-1"))
                    .metadata(Map.of("tool_name", "search", "error", "boom")).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.outcomes.size() == 3);
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .contains("tls_insecure is on for endpoint 'test-receiver'").contains("NOT verified");
        assertThat(outcomes.of("test-receiver")).extracting(DeliveryOutcome::status)
                .containsExactly(DeliveryStatus.DELIVERED);
        for (String verified : List.of("verified", "explicit")) {
            DeliveryOutcome o = outcomes.of(verified).get(0);
            assertThat(o.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
            assertThat(o.lastError()).contains("TLS handshake failed: the server's certificate is not trusted");
        }
        assertThat(received).containsExactly("/insecure");
    }

    /** An HTTPS receiver on 127.0.0.1 whose certificate keytool made and signed itself. */
    private DisposableServer selfSignedServer() throws Exception {
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        return HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(kmf)))
                .handle((req, res) -> {
                    received.add(req.uri());
                    return req.receive().then(res.status(200).send());
                })
                .bindNow();
    }
}
