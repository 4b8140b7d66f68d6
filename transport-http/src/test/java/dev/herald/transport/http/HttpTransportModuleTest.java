package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpTransportModuleTest {

    @Test
    void bindsTheTransportPortToOneHttpTransport() throws Exception {
        HttpTransportConfig config = HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build();
        Injector injector = Guice.createInjector(new HttpTransportModule(config));
        Transport transport = injector.getInstance(Transport.class);
        try (TestReceiver receiver = TestReceiver.answering(202)) {
            assertThat(transport).isInstanceOf(HttpTransport.class)
                    .isSameAs(injector.getInstance(Transport.class))
                    .isSameAs(injector.getInstance(HttpTransport.class));
            assertThat(transport.send(Requests.post("guice", receiver.url("/")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(202);
        } finally {
            transport.close();
        }
    }

    @Test
    void anObserverBoundThroughTheOptionalBinderIsBuiltWithTheTransportAndHearsOfItsEndpoints() {
        List<String> added = new CopyOnWriteArrayList<>();
        HttpTransportObserver observer = (name, status) -> added.add(name + " " + status.circuitState());
        HttpTransportConfig config = HttpTransportConfig.builder().endpointNames("a", "b").build();
        Injector injector = Guice.createInjector(new HttpTransportModule(config),
                b -> OptionalBinder.newOptionalBinder(b, HttpTransportObserver.class).setBinding().toInstance(observer));

        assertThat(added).isEmpty();
        try (HttpTransport transport = injector.getInstance(HttpTransport.class)) {
            assertThat(added).containsExactly("a CLOSED", "b CLOSED");
        }
    }

    @Test
    void aCustomTransportCanTakeItsPlace() throws Exception {
        List<OutboundRequest> sent = new CopyOnWriteArrayList<>();
        Transport custom = request -> {
            sent.add(request);
            return CompletableFuture.completedFuture(TransportResponse.of(200));
        };
        Injector injector = Guice.createInjector(Modules.override(new HttpTransportModule(
                HttpTransportConfig.defaults())).with(b -> b.bind(Transport.class).toInstance(custom)));

        Transport transport = injector.getInstance(Transport.class);
        assertThat(transport).isSameAs(custom);
        OutboundRequest request = Requests.post("queue", URI.create("https://hooks.example.com/in"));
        assertThat(transport.send(request).toCompletableFuture().get(1, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(sent).containsExactly(request);
    }
}
