package dev.herald.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.event.Event;
import dev.herald.templates.TemplateConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The floors that {@link PipelineBenchmark} is judged against, on the same bytes: a bare HMAC-SHA256 of the body
 * the default template renders for the benchmark event, and Jackson writing the event's template fields. Run
 * them in the same JMH invocation as the pipeline, so that both see the same machine:
 * {@code java -jar benchmarks/target/benchmarks.jar 'PipelineBenchmark|BaselineBenchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class BaselineBenchmark {
    private static final HexFormat HEX = HexFormat.of();

    private Mac mac;
    private byte[] body;
    private Event event;
    private ObjectMapper mapper;
    private Map<String, Object> fields;

    /** Renders the body once and keys the MAC once, as the signer does at start-up. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        body = BenchmarkFixtures.defaultBody();
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(BenchmarkFixtures.HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        event = BenchmarkFixtures.event();
        mapper = new ObjectMapper();
        fields = SeedStringTemplate.context(event, TemplateConfig.DEFAULT_PLUGIN_NAME);
    }

    /** {@code Mac.doFinal} of the body: the least any HMAC-signed delivery costs. */
    @Benchmark
    public byte[] hmacSha256() {
        return mac.doFinal(body);
    }

    /** The same, hex-encoded: the seed's {@code X-Signature} value without its {@code sha256=} prefix. */
    @Benchmark
    public String hmacSha256Hex() {
        return HEX.formatHex(mac.doFinal(body));
    }

    /** Jackson writing the event's template fields, built once: serialisation alone. */
    @Benchmark
    public byte[] jacksonFields() throws JsonProcessingException {
        return mapper.writeValueAsBytes(fields);
    }

    /** Jackson writing the template fields read from the event each time, as a renderer has to. */
    @Benchmark
    public byte[] jacksonEvent() throws JsonProcessingException {
        return mapper.writeValueAsBytes(SeedStringTemplate.context(event, TemplateConfig.DEFAULT_PLUGIN_NAME));
    }
}
