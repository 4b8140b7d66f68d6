package dev.herald.gateway.server.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code GET /metrics}: the registry's meters in the Prometheus text format (0.0.4), or in OpenMetrics when the
 * scraper's {@code Accept} asks for it, as Prometheus itself does.
 */
public final class MetricsServlet extends HttpServlet {
    /** Prometheus's classic text format. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, the text format with exemplars and {@code # EOF}. */
    public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final long serialVersionUID = 1L;

    private final transient PrometheusMeterRegistry registry;

    public MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        // Only the two text formats: the registry would also answer protobuf to a client asking for it.
        String format = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPENMETRICS_FORMAT : TEXT_FORMAT;
        // Written whole before answering, so that a scrape that fails half way is a 500 and not a cut body.
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        registry.scrape(body, format);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }
}
