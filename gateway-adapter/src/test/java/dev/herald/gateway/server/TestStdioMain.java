package dev.herald.gateway.server;

import java.time.Duration;
import java.util.List;

/**
 * A plugin process for the stdio tests: Herald with one loopback endpoint signed with the seed's HMAC, served over
 * stdin and stdout until stdin closes (or the process is told to stop), then drained.
 *
 * <p>Arguments: the receiver's URL, the HMAC secret.
 */
public final class TestStdioMain {
    private TestStdioMain() {}

    public static void main(String[] args) throws InterruptedException {
        HostedHerald herald = HostedHerald.start(args[0], args[1], HostedHerald.FAST, Duration.ofSeconds(5));
        PluginServer server = PluginServer.stdio(List.of(herald.hosted)).start();
        Runnable stop = () -> {
            server.close();
            herald.close();
        };
        // The SDK's client ends its server with SIGTERM; deliveries already taken should still drain.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stdio-main-stop"));
        server.awaitTermination();
        stop.run();
        System.exit(0);
    }
}
