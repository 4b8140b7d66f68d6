package dev.herald.gateway.config.internal;

import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.HttpTransportConfig;
import java.util.List;
import java.util.Map;

/**
 * Reads the HTTP transport's settings: the block's {@code http} map and {@code allowed_networks}, plus each
 * endpoint's own protection, on top of the gateway client's defaults.
 */
final class TransportReader {
    private static final List<String> HTTP_KEYS = KnownKeys.HTTP;

    private TransportReader() {}

    /**
     * The transport config, or null when anything is wrong (all of it recorded).
     *
     * @param endpointNames every webhook's name, so that the transport refuses a request for any other
     * @param policies the webhooks that set their own protection, by name
     */
    static HttpTransportConfig read(Fields block, List<String> endpointNames, Map<String, EndpointPolicy> policies) {
        Problems problems = block.problems();
        int before = problems.count();
        HttpTransportConfig defaults = HttpTransportConfig.defaults();
        HttpTransportConfig.Builder b = HttpTransportConfig.builder();
        Fields http = Fields.of(block.raw("http"), block.path("http"), problems).orElse(null);
        if (http != null) {
            http.rejectUnknown(HTTP_KEYS);
            b.maxConnections(http.integer("max_connections", defaults.maxConnections(), 1, Integer.MAX_VALUE))
                    .connectTimeout(http.seconds("connect_timeout", defaults.connectTimeout(), false))
                    .readTimeout(http.seconds("read_timeout", defaults.readTimeout(), false))
                    .writeTimeout(http.seconds("write_timeout", defaults.writeTimeout(), false))
                    .poolAcquireTimeout(http.seconds("pool_acquire_timeout", defaults.poolAcquireTimeout(), false))
                    .maxResponseBodyBytes(http.integer("max_response_body_bytes", defaults.maxResponseBodyBytes(),
                            0, Integer.MAX_VALUE))
                    .maxRequestBodyBytes(http.integer("max_request_body_bytes", defaults.maxRequestBodyBytes(),
                            1, Integer.MAX_VALUE));
        }
        List<String> networks = block.stringList("allowed_networks");
        for (int i = 0; i < networks.size(); i++) {
            String at = ConfigPath.index(block.path("allowed_networks"), i);
            int beforeNetwork = problems.count();
            checkNetwork(networks.get(i), at, problems);
            if (problems.count() == beforeNetwork && networks.get(i).strip().endsWith("/0")) {
                problems.warn(at, "allows every address (" + Fields.describe(problems, at, networks.get(i))
                        + "): the SSRF guard then lets webhooks reach this host's own services, the private"
                        + " network and cloud metadata; name the networks the receivers are on");
            }
        }
        if (problems.count() != before) {
            return null;
        }
        b.allowedNetworks(networks);
        b.endpointNames(endpointNames);
        policies.forEach(b::endpoint);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // Every value was checked above; this only catches rules that span several of them.
            problems.addRelative(block.path("http"), e.getMessage());
            return null;
        }
    }

    private static void checkNetwork(String cidr, String path, Problems problems) {
        try {
            HttpTransportConfig.builder().allowNetwork(cidr).build();
        } catch (IllegalArgumentException e) {
            problems.add(path, "not a CIDR range (such as 10.0.0.0/8 or fd00::/8), got "
                    + Fields.describe(problems, path, cidr));
        }
    }
}
