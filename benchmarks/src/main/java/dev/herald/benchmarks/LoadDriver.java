package dev.herald.benchmarks;

import dev.herald.benchmarks.load.HeraldLoad;
import dev.herald.benchmarks.load.JdkBaselineLoad;
import dev.herald.benchmarks.load.ReactorNettyBaselineLoad;
import dev.herald.benchmarks.load.LoadResult;
import dev.herald.benchmarks.load.LoadStore;
import dev.herald.benchmarks.load.LoadSpec;
import dev.herald.benchmarks.load.Signing;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Herald's end-to-end load driver: sends N events, each to W endpoints that all point at one receiver, through the
 * real dispatcher and the reactor-netty transport, waits for every final outcome and prints as its last line
 * {@code deliveries=<n> failed=<n> seconds=<s> per_second=<r>}. With {@code --baseline jdk} the same bodies go out
 * through a hand-written {@code java.net.http} sender instead, for comparison.
 *
 * <p>Exits 0 when no delivery failed, 1 when some did, 2 on bad arguments.
 */
@Command(name = "LoadDriver", sortOptions = false,
        usageHelpWidth = 110,
        description = {"Sends N events, each to W endpoints at URL, through Herald's dispatcher and reactor-netty",
            "transport (or, with --baseline jdk, through java.net.http.HttpClient.sendAsync), waits for every",
            "final outcome and prints as its last line:",
            "  deliveries=<n> failed=<n> seconds=<s> per_second=<r>",
            "With --store sqlite|postgres every event is accepted once the store holds its deliveries.",
            "deliveries counts 2xx answers of the timed run. A warm-up batch (--warmup events) is sent and",
            "waited for first; timing covers the timed run from its first send to its last outcome.",
            "Exits 0 when no delivery failed (warm-up included), 1 otherwise, 2 on bad arguments."},
        footer = {"", "Example: java -cp benchmarks/target/benchmarks.jar dev.herald.benchmarks.LoadDriver \\",
            "           --url http://127.0.0.1:18080/hook --events 50000 --endpoints 2 --signing hmac"})
public final class LoadDriver implements Callable<Integer> {
    /** Deliveries in flight when --concurrency is not given. */
    public static final int DEFAULT_CONCURRENCY = 256;
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    @Spec
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver, http(s)://host[:port]/path.")
    String url;

    @Option(names = "--events", required = true, paramLabel = "N", description = "Events in the timed run.")
    int events;

    @Option(names = "--endpoints", required = true, paramLabel = "W",
            description = "Endpoints per event, all at URL: each event makes W deliveries.")
    int endpoints;

    @Option(names = "--signing", required = true, paramLabel = "none|hmac|standard",
            converter = SigningConverter.class, completionCandidates = SigningNames.class,
            description = "none; hmac: the seed's HMAC-SHA256 X-Signature; standard: Standard Webhooks v1 (whsec_).")
    Signing signing;

    @Option(names = "--concurrency", paramLabel = "C",
            description = "The most deliveries in flight at once (default ${DEFAULT-VALUE}); an event goes out when "
                    + "all W of its deliveries fit. Herald's per-endpoint bounds are ceil(C/W), its pool C connections.")
    int concurrency = DEFAULT_CONCURRENCY;

    @Option(names = "--warmup", paramLabel = "EVENTS",
            description = "Events sent and waited for before timing starts, not counted as delivered "
                    + "(default: 2%% of N, at least 200, at most N). The JIT settles after about ten seconds of "
                    + "load; peers.sh warms up with 100000 events.")
    Integer warmup;

    @Option(names = "--retries", paramLabel = "R",
            description = "Herald's retries per delivery, 100 ms then doubling up to 400 ms (default ${DEFAULT-VALUE}).")
    int retries = 2;

    @Option(names = "--baseline", paramLabel = "jdk|reactor-netty", converter = BaselineConverter.class,
            description = "Send without Herald, the same bodies and signatures, no retries: jdk with"
                    + " java.net.http.HttpClient.sendAsync, reactor-netty with a bare reactor-netty HttpClient.")
    Baseline baseline;

    @Option(names = "--observe", arity = "0..1", fallbackValue = "on", paramLabel = "on|metrics|tracing|sampled",
            description = "Turn Herald's metrics (a Prometheus registry) and traces (the OpenTelemetry SDK, spans"
                    + " exported in batches to an exporter that drops them) on, to measure what observing costs: on"
                    + " (the default when given: both, every span sampled), metrics or tracing alone, sampled (both,"
                    + " one trace in a hundred). Off when not given.")
    String observe = "off";

    @Option(names = "--store", paramLabel = "memory|sqlite|postgres", converter = StoreConverter.class,
            description = "Where Herald keeps its deliveries (default memory: no store). sqlite: a fresh database in"
                    + " a temporary folder (or in --store-path), full durability; postgres: --store-url, or when it"
                    + " is not given a PostgreSQL the driver starts itself (Linux x86-64). Each event is then"
                    + " accepted once its append is committed.")
    LoadStore.Kind store = LoadStore.Kind.MEMORY;

    @Option(names = "--store-path", paramLabel = "DIR",
            description = "With --store sqlite: the folder in which the run's database folder is made and removed.")
    Path storePath;

    @Option(names = "--store-url", paramLabel = "JDBC_URL",
            description = "With --store postgres: jdbc:postgresql://host:port/db; the run uses a schema of its own,"
                    + " dropped at the end.")
    String storeUrl;

    @Option(names = "--store-user", paramLabel = "U", description = "With --store-url: the database user.")
    String storeUser;

    @Option(names = "--store-password", paramLabel = "P", description = "With --store-url: the user's password.")
    String storePassword;

    private final PrintStream out;

    /** A driver printing to the given stream; see {@link #run(String[], PrintStream, PrintStream)}. */
    public LoadDriver(PrintStream out) {
        this.out = out;
    }

    /** Runs with the arguments and exits with the driver's code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with the arguments, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new CommandLine(new LoadDriver(out))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
                .execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadSpec spec = spec();
        checkStoreOptions();
        LoadResult result;
        try (LoadStore kept = openStore()) {
            out.printf(Locale.ROOT,
                    "%s: url=%s events=%d endpoints=%d signing=%s concurrency=%d warmup_events=%d store=%s"
                            + " observe=%s%n",
                    baseline == null ? "herald" : baseline.label, spec.url(), spec.events(), spec.endpoints(),
                    spec.signing().cliName(), spec.concurrency(), spec.warmupEvents(), kept.describe(),
                    observe);
            result = baseline == null ? new HeraldLoad(spec, kept.settings(), observe).run() : switch (baseline) {
                case JDK -> new JdkBaselineLoad(spec).run();
                case REACTOR_NETTY -> new ReactorNettyBaselineLoad(spec).run();
            };
        }
        out.println(result.line());
        out.flush();
        return result.failed() == 0 ? 0 : 1;
    }

    /** Checks what picocli's types cannot; every complaint names its option. */
    private LoadSpec spec() {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw usage("--url: not a valid URL: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw usage("--url: expected http(s)://host[:port]/path, got '" + url + "'");
        }
        try {
            InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw usage("--url: cannot resolve host '" + uri.getHost() + "'");
        }
        if (events < 1) {
            throw usage("--events: must be at least 1, got " + events);
        }
        if (endpoints < 1 || endpoints > 1000) {
            throw usage("--endpoints: must be between 1 and 1000, got " + endpoints);
        }
        if (concurrency < endpoints || concurrency > 100_000) {
            throw usage("--concurrency: must be between --endpoints (" + endpoints + ": one event's deliveries"
                    + " must fit) and 100000, got " + concurrency);
        }
        if (retries < 0 || retries > 10) {
            throw usage("--retries: must be between 0 and 10, got " + retries);
        }
        int warmupEvents = warmup != null ? warmup : Math.min(events, Math.max(200, events / 50));
        if (warmupEvents < 0) {
            throw usage("--warmup: must be at least 0, got " + warmupEvents);
        }
        return new LoadSpec(uri, events, endpoints, signing, concurrency, warmupEvents, retries, STALL_LIMIT);
    }

    /** The store options that only make sense together; every complaint names its option. */
    private void checkStoreOptions() {
        if (store != LoadStore.Kind.MEMORY && baseline != null) {
            throw usage("--store: only Herald keeps deliveries; leave it out with --baseline");
        }
        try {
            Observability.check(observe);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
        if (!"off".equals(observe) && baseline != null) {
            throw usage("--observe: only Herald is observed; leave it out with --baseline");
        }
        if (storePath != null && store != LoadStore.Kind.SQLITE) {
            throw usage("--store-path: only with --store sqlite");
        }
        if (storeUrl != null && store != LoadStore.Kind.POSTGRES) {
            throw usage("--store-url: only with --store postgres");
        }
        if (storeUrl != null && !storeUrl.startsWith("jdbc:postgresql:")) {
            throw usage("--store-url: expected jdbc:postgresql://host[:port]/database, got '"
                    + storeUrl.replaceFirst("\\?.*$", "?...") + "'");
        }
        if ((storeUser != null || storePassword != null) && storeUrl == null) {
            throw usage((storeUser != null ? "--store-user" : "--store-password")
                    + ": only with --store-url (the embedded PostgreSQL has its own user)");
        }
    }

    private LoadStore openStore() {
        return switch (store) {
            case MEMORY -> LoadStore.memory();
            case SQLITE -> LoadStore.sqlite(storePath);
            case POSTGRES -> LoadStore.postgres(storeUrl, storeUser, storePassword);
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** The senders {@code --baseline} can name. */
    enum Baseline {
        JDK("jdk-baseline"),
        REACTOR_NETTY("reactor-netty-baseline");

        final String label;

        Baseline(String label) {
            this.label = label;
        }
    }

    /** Reads {@code --signing} with a message that lists the accepted names. */
    static final class SigningConverter implements CommandLine.ITypeConverter<Signing> {
        @Override
        public Signing convert(String value) {
            try {
                return Signing.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names {@code --signing} accepts, as typed on the command line. */
    static final class SigningNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("none", "hmac", "standard").iterator();
        }
    }

    /** Reads {@code --store} with a message that lists the accepted names. */
    static final class StoreConverter implements CommandLine.ITypeConverter<LoadStore.Kind> {
        @Override
        public LoadStore.Kind convert(String value) {
            try {
                return LoadStore.Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code --baseline}: {@code jdk} or {@code reactor-netty}. */
    static final class BaselineConverter implements CommandLine.ITypeConverter<Baseline> {
        @Override
        public Baseline convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "jdk" -> Baseline.JDK;
                case "reactor-netty" -> Baseline.REACTOR_NETTY;
                default -> throw new CommandLine.TypeConversionException(
                        "expected jdk or reactor-netty, got '" + value + "'");
            };
        }
    }
}
