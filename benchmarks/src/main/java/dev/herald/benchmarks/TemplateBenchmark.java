package dev.herald.benchmarks;

import dev.herald.core.event.Event;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One rendering of the benchmark event with the seed's default template: Herald's FreeMarker template against a
 * Java port of the seed's plain string replacement ({@link SeedStringTemplate}), which gives the same bytes for
 * this event (checked at set-up) but escapes nothing.
 *
 * <p>{@code freemarkerDefault} and {@code seedReplace} do the same work, event in, UTF-8 bytes out;
 * {@code seedReplaceOnly} is the seed's function alone, its context built once beforehand.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TemplateBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TemplateBenchmark {
    private Event event;
    private CompiledTemplate freemarker;
    private Map<String, Object> seedContext;

    /** Compiles the default template and checks that both renderings agree. */
    @Setup(Level.Trial)
    public void setUp() {
        event = BenchmarkFixtures.event();
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults());
        freemarker = renderer.select(event,
                BenchmarkFixtures.endpoints(1, "none", "https://hooks.example.com/herald").get(0));
        seedContext = SeedStringTemplate.context(event, TemplateConfig.DEFAULT_PLUGIN_NAME);
        // Comparing speeds of different outputs would mean nothing.
        if (!Arrays.equals(freemarkerDefault(), seedReplace())) {
            throw new IllegalStateException("FreeMarker and the seed's replacement disagree on the benchmark event:\n"
                    + new String(freemarkerDefault(), StandardCharsets.UTF_8) + "\n" + new String(seedReplace(),
                    StandardCharsets.UTF_8));
        }
    }

    /** Herald: the compiled default template, event to bytes. */
    @Benchmark
    public byte[] freemarkerDefault() {
        return freemarker.render(event);
    }

    /** The seed's way: its template context from the event, string replacement, UTF-8 bytes. */
    @Benchmark
    public byte[] seedReplace() {
        return SeedStringTemplate.render(TemplateConfig.SEED_DEFAULT_TEMPLATE,
                SeedStringTemplate.context(event, TemplateConfig.DEFAULT_PLUGIN_NAME)).getBytes(StandardCharsets.UTF_8);
    }

    /** The seed's {@code _render_template} alone, on a context built once. */
    @Benchmark
    public String seedReplaceOnly() {
        return SeedStringTemplate.render(TemplateConfig.SEED_DEFAULT_TEMPLATE, seedContext);
    }
}
