package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.SeedHmacVerifier;
import dev.herald.auth.StandardWebhooksVerifier;
import dev.herald.benchmarks.load.Signing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The load driver as CI runs it: in-process, against an in-process reactor-netty receiver on a loopback port, for
 * a few thousand deliveries. Counts and exit codes only; rates are the business of {@code peers.sh}.
 */
class LoadDriverTest {
    private static final Pattern LAST_LINE =
            Pattern.compile("deliveries=(\\d+) failed=(\\d+) seconds=(\\d+\\.\\d{3}) per_second=(\\d+)");
    private static final SeedHmacVerifier HMAC = SeedHmacVerifier.of(Signing.HMAC_SECRET);

    @TempDir
    Path storeParent;

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    /** A receiver that answers {@code status} to requests that pass {@code check}, 401 to the others. */
    private String receiver(int status, BiPredicate<Map<String, String>, byte[]> check) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            Map<String, String> headers = new LinkedHashMap<>();
                            request.requestHeaders().forEach(e -> headers.put(e.getKey(), e.getValue()));
                            boolean ok = check.test(headers, body);
                            (ok ? accepted : refused).incrementAndGet();
                            return response.status(ok ? status : 401).send().then();
                        }))
                .bindNow();
        return "http://127.0.0.1:" + server.port() + "/hook";
    }

    private static boolean hmacValid(Map<String, String> headers, byte[] body) {
        return HMAC.isValid(headers, body);
    }

    private static Run drive(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadDriver.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
        Matcher last() {
            List<String> lines = out.lines().toList();
            assertThat(lines).as("stdout").isNotEmpty();
            Matcher m = LAST_LINE.matcher(lines.get(lines.size() - 1));
            assertThat(m.matches()).as("last line of:%n%s", out).isTrue();
            return m;
        }

        long deliveries() {
            return Long.parseLong(last().group(1));
        }

        long failed() {
            return Long.parseLong(last().group(2));
        }
    }

    @Test
    void heraldDeliversEveryEventToEveryEndpointSignedWithTheSeedsHmac() {
        String url = receiver(204, LoadDriverTest::hmacValid);

        Run run = drive("--url", url, "--events", "2000", "--endpoints", "2", "--signing", "hmac",
                "--concurrency", "64", "--warmup", "100");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.deliveries()).isEqualTo(4000);
        assertThat(run.failed()).isZero();
        // The receiver saw the warm-up too, and every request verified.
        assertThat(accepted.get()).isEqualTo(2100 * 2);
        assertThat(refused.get()).isZero();
    }

    @Test
    void observedHeraldDeliversTheSameAndRecordsItsMetricsAndSpans() {
        String url = receiver(204, LoadDriverTest::hmacValid);

        // The run itself fails when observing exported no span or counted no delivery.
        Run run = drive("--url", url, "--events", "1000", "--endpoints", "2", "--signing", "hmac",
                "--concurrency", "64", "--warmup", "100", "--observe");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("observe=on");
        assertThat(run.deliveries()).isEqualTo(2000);
        assertThat(accepted.get()).isEqualTo(1100 * 2);
        assertThat(refused.get()).isZero();
    }

    @Test
    void withSqliteEveryDeliveryIsStoredThenDeliveredAndTheStoreIsRemovedAfterwards() throws IOException {
        String url = receiver(204, LoadDriverTest::hmacValid);

        Run run = drive("--url", url, "--events", "2000", "--endpoints", "2", "--signing", "hmac",
                "--concurrency", "64", "--warmup", "100", "--store", "sqlite", "--store-path", storeParent.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("store=sqlite at " + storeParent);
        assertThat(run.deliveries()).isEqualTo(4000);
        assertThat(run.failed()).isZero();
        assertThat(accepted.get()).isEqualTo(2100 * 2);
        assertThat(refused.get()).isZero();
        try (Stream<Path> left = Files.list(storeParent)) {
            assertThat(left).as("the run's database folder, removed at the end").isEmpty();
        }
    }

    @Test
    void withPostgresTheDriverStartsItsOwnServerAndDeliversEveryEvent() {
        String url = receiver(204, LoadDriverTest::hmacValid);

        Run run = drive("--url", url, "--events", "2000", "--endpoints", "2", "--signing", "hmac",
                "--concurrency", "64", "--warmup", "100", "--store", "POSTGRES");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("store=embedded postgresql on port ");
        assertThat(run.deliveries()).isEqualTo(4000);
        assertThat(run.failed()).isZero();
        assertThat(accepted.get()).isEqualTo(2100 * 2);
        assertThat(refused.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "reactor-netty"})
    void eachBaselineSendsTheSameSignedDeliveries(String baseline) {
        String url = receiver(204, LoadDriverTest::hmacValid);

        Run run = drive("--url", url, "--events", "2000", "--endpoints", "2", "--signing", "hmac",
                "--concurrency", "64", "--warmup", "100", "--baseline", baseline);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.deliveries()).isEqualTo(4000);
        assertThat(run.failed()).isZero();
        assertThat(accepted.get()).isEqualTo(2100 * 2);
        assertThat(refused.get()).isZero();
    }

    @Test
    void standardWebhooksSignaturesVerify() {
        StandardWebhooksVerifier verifier = StandardWebhooksVerifier.of(Signing.STANDARD_SECRET);
        String url = receiver(204, verifier::isValid);

        Run herald = drive("--url", url, "--events", "200", "--endpoints", "3", "--signing", "standard",
                "--warmup", "0");
        Run jdk = drive("--url", url, "--events", "200", "--endpoints", "3", "--signing", "STANDARD",
                "--warmup", "0", "--baseline", "jdk");

        assertThat(herald.code()).as(herald.err()).isZero();
        assertThat(herald.deliveries()).isEqualTo(600);
        assertThat(jdk.code()).as(jdk.err()).isZero();
        assertThat(jdk.deliveries()).isEqualTo(600);
        assertThat(refused.get()).isZero();
    }

    @Test
    void aReceiverAnswering500MakesTheRunFail() {
        String url = receiver(500, (headers, body) -> true);

        Run herald = drive("--url", url, "--events", "20", "--endpoints", "1", "--signing", "none",
                "--warmup", "0", "--retries", "1");
        Run jdk = drive("--url", url, "--events", "20", "--endpoints", "1", "--signing", "none",
                "--warmup", "0", "--baseline", "jdk");
        Run reactor = drive("--url", url, "--events", "20", "--endpoints", "1", "--signing", "none",
                "--warmup", "0", "--baseline", "reactor-netty");

        assertThat(reactor.code()).isEqualTo(1);
        assertThat(reactor.failed()).isEqualTo(20);
        assertThat(herald.code()).isEqualTo(1);
        assertThat(herald.deliveries()).isZero();
        assertThat(herald.failed()).isEqualTo(20);
        assertThat(jdk.code()).isEqualTo(1);
        assertThat(jdk.deliveries()).isZero();
        assertThat(jdk.failed()).isEqualTo(20);
    }

    @Test
    void warmUpFailuresCountAsFailed() {
        String url = receiver(500, (headers, body) -> true);

        Run run = drive("--url", url, "--events", "1", "--endpoints", "2", "--signing", "none",
                "--warmup", "3", "--retries", "0");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo((1 + 3) * 2);
    }

    @Test
    void badArgumentsGiveAUsageError() {
        Run missing = drive("--events", "10", "--endpoints", "1", "--signing", "none");
        Run signing = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "rsa");
        Run tooNarrow = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "4",
                "--signing", "none", "--concurrency", "2");
        Run badUrl = drive("--url", "ftp://127.0.0.1/x", "--events", "10", "--endpoints", "1", "--signing", "none");
        Run baseline = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--baseline", "curl");
        Run noEvents = drive("--url", "http://127.0.0.1:9/x", "--events", "0", "--endpoints", "1",
                "--signing", "none");
        Run store = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store", "redis");
        Run pathWithoutSqlite = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store-path", "/tmp/x");
        Run urlWithSqlite = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store", "sqlite", "--store-url", "jdbc:postgresql://127.0.0.1/db");
        Run observedBaseline = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--baseline", "jdk", "--observe");
        Run observeWhat = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--observe=loud");
        Run notPostgres = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store", "postgres", "--store-url", "jdbc:mysql://h/db?password=hunter2");
        Run userWithoutUrl = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store", "postgres", "--store-user", "u");
        Run storeWithBaseline = drive("--url", "http://127.0.0.1:9/x", "--events", "10", "--endpoints", "1",
                "--signing", "none", "--store", "sqlite", "--baseline", "jdk");

        assertThat(List.of(missing, signing, tooNarrow, badUrl, baseline, noEvents, store, pathWithoutSqlite,
                urlWithSqlite, notPostgres, userWithoutUrl, storeWithBaseline, observedBaseline, observeWhat))
                .allSatisfy(r -> {
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.out()).doesNotContain("deliveries=");
                    assertThat(r.err()).contains("Usage: LoadDriver");
                });
        assertThat(missing.err()).contains("--url");
        assertThat(observedBaseline.err()).contains("--observe: only Herald is observed");
        assertThat(observeWhat.err()).contains("--observe: expected off, on, metrics, tracing or sampled, got 'loud'");
        assertThat(signing.err()).contains("expected none, hmac or standard, got 'rsa'");
        assertThat(tooNarrow.err()).contains("--concurrency: must be between --endpoints (4");
        assertThat(badUrl.err()).contains("--url: expected http(s)://host[:port]/path");
        assertThat(baseline.err()).contains("expected jdk or reactor-netty, got 'curl'");
        assertThat(noEvents.err()).contains("--events: must be at least 1");
        assertThat(store.err()).contains("expected memory, sqlite or postgres, got 'redis'");
        assertThat(pathWithoutSqlite.err()).contains("--store-path: only with --store sqlite");
        assertThat(urlWithSqlite.err()).contains("--store-url: only with --store postgres");
        assertThat(notPostgres.err()).contains("--store-url: expected jdbc:postgresql:").doesNotContain("hunter2");
        assertThat(userWithoutUrl.err()).contains("--store-user: only with --store-url");
        assertThat(storeWithBaseline.err()).contains("--store: only Herald keeps deliveries");
    }

    @Test
    void helpDescribesTheLastLine() {
        Run help = drive("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("deliveries=<n> failed=<n> seconds=<s> per_second=<r>")
                .contains("--baseline").contains("none|hmac|standard").contains("memory|sqlite|postgres");
    }
}
