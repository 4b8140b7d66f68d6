package dev.herald.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.Summary;

/**
 * A {@code /metrics} body in the Prometheus text format, parsed by a Prometheus text-format parser (Hawkular's),
 * as a scraper reads it. The parser skips a line it cannot read; this one counts the samples it got against the
 * body's sample lines, so that a line Prometheus would refuse fails the test instead of going missing.
 */
public final class PrometheusScrape {
    private final List<MetricFamily> families;
    private final String body;

    private PrometheusScrape(List<MetricFamily> families, String body) {
        this.families = families;
        this.body = body;
    }

    /** Parses the body; every sample line must be read. */
    public static PrometheusScrape parse(String body) {
        List<MetricFamily> families = new ArrayList<>();
        try {
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
                families.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long sampleLines = body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        long parsed = families.stream().flatMap(f -> f.getMetrics().stream()).mapToLong(PrometheusScrape::samples)
                .sum();
        assertThat(parsed).as("samples the parser read, of the body's sample lines:%n%s", body)
                .isEqualTo(sampleLines);
        return new PrometheusScrape(families, body);
    }

    private static long samples(Metric m) {
        if (m instanceof Histogram h) {
            return h.getBuckets().size() + 2L;
        }
        if (m instanceof Summary s) {
            return s.getQuantiles().size() + 2L;
        }
        return 1;
    }

    public String body() {
        return body;
    }

    /** The family of that name (as the text names it, {@code herald_deliveries_total} for a counter). */
    public Optional<MetricFamily> family(String name) {
        return families.stream().filter(f -> f.getName().equals(name)).findFirst();
    }

    public List<String> names() {
        return families.stream().map(MetricFamily::getName).toList();
    }

    /** The metrics of a family whose labels include all of these. */
    public List<Metric> metrics(String family, Map<String, String> labels) {
        return family(family).map(f -> f.getMetrics().stream()
                .filter(m -> m.getLabels().entrySet().containsAll(labels.entrySet())).toList()).orElse(List.of());
    }

    /** The sum of a counter's or gauge's samples whose labels include these; 0 when there is none. */
    public double value(String family, Map<String, String> labels) {
        double sum = 0;
        for (Metric m : metrics(family, labels)) {
            if (m instanceof Counter c) {
                sum += c.getValue();
            } else if (m instanceof Gauge g) {
                sum += g.getValue();
            } else {
                throw new AssertionError(family + " is neither a counter nor a gauge: " + m);
            }
        }
        return sum;
    }

    /** The sum of a histogram's {@code _count} over its series whose labels include these; 0 when none. */
    public long histogramCount(String family, Map<String, String> labels) {
        long sum = 0;
        for (Metric m : metrics(family, labels)) {
            if (!(m instanceof Histogram h)) {
                throw new AssertionError(family + " is not a histogram: " + m);
            }
            sum += h.getSampleCount();
        }
        return sum;
    }
}
