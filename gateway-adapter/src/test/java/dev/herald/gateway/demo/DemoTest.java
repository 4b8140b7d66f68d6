package dev.herald.gateway.demo;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@Tag("slow")
class DemoTest {

    @Test
    void deliversEveryEventVerifiedAndEndsWithTheSummaryLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(40);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = Pattern.compile("demo: events=(\\d+) deliveries=(\\d+) delivered=(\\d+) retried=(\\d+)"
                + " failed=(\\d+) signatures_verified=(\\d+)").matcher(last);
        assertThat(m.matches()).as(last).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(40);
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(3 * 40);
        // Events 3, 5, 7, 13, ... are refused once at each of the three verifying endpoints.
        assertThat(Integer.parseInt(m.group(4))).isGreaterThanOrEqualTo(3 * 12);
        assertThat(Integer.parseInt(m.group(6))).isEqualTo(3 * 40 + Integer.parseInt(m.group(4)));
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(3 * 40 + Integer.parseInt(m.group(5)));
        assertThat(text).contains("standard-webhooks", "seed-hmac", "bearer", "retired");
    }
}
