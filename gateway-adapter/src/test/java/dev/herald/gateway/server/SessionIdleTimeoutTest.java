package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.engine.testing.TestReceiver;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idle gateway keeps its session: the MCP SDK's idle sweep (30 minutes unless told) is off unless
 * {@code --session-idle-timeout} or {@code PLUGINS_SERVER_SESSION_IDLE_TIMEOUT} asks for one.
 */
class SessionIdleTimeoutTest {
    private static TestReceiver receiver;
    private static HostedHerald herald;
    private PluginServer server;

    @BeforeAll
    static void startHerald() {
        receiver = new TestReceiver();
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterAll
    static void stopHerald() {
        herald.close();
        receiver.close();
    }

    private PluginServer serve(Duration idleTimeout) {
        return PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0,
                new ServerSecurity(Set.of(), null, null, idleTimeout, false)).start();
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    @Test
    void byDefaultTheSdkSweepsNoIdleSession() throws Exception {
        server = serve(null);

        assertThat(server.security().idleTimeout()).isEmpty();
        // The SDK starts its sweeper only for a sweep interval; without one, nothing ever evicts a session.
        assertThat(field(field(server, "provider"), "sessionSweeper")).isNull();
        RawMcp raw = RawMcp.tcp(server.port());
        String session = raw.initialize(Map.of());
        assertThat(raw.post(RawMcp.TOOLS_LIST, Map.of("Mcp-Session-Id", session)).status()).isEqualTo(200);
    }

    @Test
    void aConfiguredTimeoutEvictsAnIdleSession() throws Exception {
        server = serve(Duration.ofMillis(200));
        assertThat(field(field(server, "provider"), "sessionSweeper")).isNotNull();
        RawMcp raw = RawMcp.tcp(server.port());
        String session = raw.initialize(Map.of());

        // Each look is a request that keeps the session alive for one more sweep, so looks are several sweeps
        // apart: the session must be gone at one of them.
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> raw.post(RawMcp.TOOLS_LIST, Map.of("Mcp-Session-Id", session)).status() == 404);
    }

    @Test
    void theTimeoutComesFromTheVariableOrTheOption() {
        assertThat(ServerSecurity.fromEnvironment(Map.of(ServerSecurity.SESSION_IDLE_TIMEOUT_VARIABLE, "30m"),
                List.of(), null, null, false).idleTimeout()).contains(Duration.ofMinutes(30));
        assertThat(ServerSecurity.fromEnvironment(Map.of(ServerSecurity.SESSION_IDLE_TIMEOUT_VARIABLE, "30m"),
                List.of(), null, "90", false).idleTimeout()).contains(Duration.ofSeconds(90));
        assertThat(ServerSecurity.fromEnvironment(Map.of(), List.of(), null, "2h", false).idleTimeout())
                .contains(Duration.ofHours(2));
        assertThat(ServerSecurity.fromEnvironment(Map.of(), List.of(), null, null, false).idleTimeout()).isEmpty();
    }
}
