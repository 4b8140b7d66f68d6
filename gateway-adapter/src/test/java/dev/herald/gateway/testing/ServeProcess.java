package dev.herald.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code herald serve} in a JVM of its own, as an orchestrator runs it: started on an ephemeral port with a config
 * from {@code PLUGINS_CONFIG_PATH}, its stderr collected line by line, and stopped with SIGTERM.
 */
public final class ServeProcess implements AutoCloseable {
    /** Where it listens, as text or as a JSON line (whose slashes are escaped). */
    private static final Pattern LISTENING = Pattern.compile("on (http:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)\\\\?/mcp)");
    private static final Pattern METRICS = Pattern.compile("metrics on http:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)"
            + "\\\\?/metrics");

    private final Process process;
    private final Thread reader;
    private final Thread outReader;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private ServeProcess(Process process) {
        this.process = process;
        this.reader = lines(process.getErrorStream(), stderr, "serve-stderr");
        this.outReader = lines(process.getInputStream(), stdout, "serve-stdout");
    }

    private static Thread lines(InputStream in, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(into::add);
            } catch (IOException | RuntimeException ignored) {
                // The process ended; what it said is collected already.
            }
        }, name);
        t.start();
        return t;
    }

    /**
     * Starts {@code herald serve --port 0} with the config and extra environment variables, in the config's folder,
     * so that the default store ({@code ./.herald}) lands beside the config and not in the build's folder.
     */
    public static ServeProcess start(Path config, Map<String, String> env) throws IOException {
        return start(config, env, new String[0]);
    }

    /** As {@link #start(Path, Map)}, with more arguments after {@code serve --port 0}. */
    public static ServeProcess start(Path config, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.herald.gateway.cli.HeraldCli",
                "serve", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(config.toAbsolutePath().getParent().toFile());
        pb.environment().put("PLUGINS_CONFIG_PATH", config.toAbsolutePath().toString());
        pb.environment().putAll(env);
        return new ServeProcess(pb.start());
    }

    /** The port it listens on, once it says so. */
    public int awaitPort() {
        await().atMost(Duration.ofSeconds(30)).until(() -> stderr.stream().anyMatch(l -> LISTENING.matcher(l).find()));
        Matcher m = stderr.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return Integer.parseInt(m.group(2));
    }

    /** The port of its metrics listener of their own ({@code --metrics-port}), once it says so. */
    public int awaitMetricsPort() {
        await().atMost(Duration.ofSeconds(30)).until(() -> stderr.stream().anyMatch(l -> METRICS.matcher(l).find()));
        Matcher m = stderr.stream().map(METRICS::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return Integer.parseInt(m.group(1));
    }

    /** Closes its stdin: a server over stdio ends then, as when the gateway goes away. */
    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Its exit code; call once it has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, as an orchestrator stops it; unlike Process.destroy() it leaves the pipes open for reading. */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** {@code kill -9}: the process ends at once, without its shutdown hook; returns once it has. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        reader.join(5000);
        outReader.join(5000);
    }

    /** Waits for the process to end and for its stderr to be read; false when it did not end in time. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(5000);
        outReader.join(5000);
        return true;
    }

    /** What it wrote to stdout so far, line by line: over stdio, the protocol only. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** What it wrote to stderr so far, line by line. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
