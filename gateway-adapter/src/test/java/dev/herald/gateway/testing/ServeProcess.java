package dev.herald.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Pattern LISTENING = Pattern.compile("on (http://127\\.0\\.0\\.1:(\\d+)/mcp)");

    private final Process process;
    private final Thread reader;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private ServeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
            } catch (IOException | RuntimeException ignored) {
                // The process ended; what it said is in stderr already.
            }
        }, "serve-stderr");
        reader.start();
    }

    /**
     * Starts {@code herald serve --port 0} with the config and extra environment variables, in the config's folder,
     * so that the default store ({@code ./.herald}) lands beside the config and not in the build's folder.
     */
    public static ServeProcess start(Path config, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.herald.gateway.cli.HeraldCli", "serve",
                "--port", "0");
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

    /** SIGTERM, as an orchestrator stops it; unlike Process.destroy() it leaves the pipes open for reading. */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** {@code kill -9}: the process ends at once, without its shutdown hook; returns once it has. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        reader.join(5000);
    }

    /** Waits for the process to end and for its stderr to be read; false when it did not end in time. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(5000);
        return true;
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
