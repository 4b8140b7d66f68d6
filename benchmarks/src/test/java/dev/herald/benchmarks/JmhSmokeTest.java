package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one short JMH iteration of the pipeline benchmark through JMH's own runner, so that a benchmark that no
 * longer runs (a broken state, a failed check, a missing benchmark list) fails the build. It asserts only that a
 * result came out: timings on a shared CI machine mean nothing.
 *
 * <p>Forks are off: JMH then runs in this JVM, reading the benchmark list that the annotation processor wrote to
 * {@code target/classes}. A forked run would start {@code java} with this JVM's class path, which under Surefire
 * is its booter jar, not the module's classes and dependencies, so it would depend on how Surefire is set up.
 */
class JmhSmokeTest {

    @Test
    void thePipelineBenchmarkRunsOneIterationAndGivesAResult() throws Exception {
        Path log = Path.of("target", "jmh-smoke.log");
        Files.createDirectories(log.getParent());
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(PipelineBenchmark.class.getName() + ".dispatch") + "$")
                .param("endpoints", "10")
                .param("signing", "standard_webhooks")
                .param("template", "default")
                .param("observe", "on")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .output(log.toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(1);
        RunResult run = results.iterator().next();
        assertThat(run.getParams().getBenchmark()).endsWith("PipelineBenchmark.dispatch");
        Result<?> primary = run.getPrimaryResult();
        assertThat(primary.getSampleCount()).isPositive();
        assertThat(run.getSecondaryResults()).containsKey("deliveries");
    }
}
