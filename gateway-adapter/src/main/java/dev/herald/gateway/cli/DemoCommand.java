package dev.herald.gateway.cli;

import dev.herald.gateway.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald demo}: the embedded default, no config and no network beyond loopback. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs Herald's main job on its embedded default: no config, no network.", "",
            "Sends a few hundred realistic gateway events through the whole pipeline to an in-process receiver on"
            + " a loopback port that verifies every signature (Standard Webhooks, the seed's HMAC, a bearer token)"
            + " and answers some deliveries with 503, 429, 500 and 410, then prints a table per endpoint.", "",
            "Exit codes: 0 every delivery that should succeed did and every signature verified; 1 otherwise; 2"
            + " bad usage."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExample:%n",
        footer = {"  herald demo --events 50"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--events", paramLabel = "N", defaultValue = "300", description = "How many events to send (default: ${DEFAULT-VALUE}).")
    int events;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || events > 100_000) {
            System.err.println("demo: --events must be between 1 and 100000, got " + events);
            return 2;
        }
        return new Demo(System.out, System.err).run(events);
    }
}
