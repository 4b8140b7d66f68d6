package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrRangeTest {

    @Test
    void containsAddressesOfItsNetworkOnly() throws Exception {
        CidrRange r = CidrRange.parse("10.0.0.0/8");
        assertThat(r.contains(InetAddress.getByName("10.255.0.1"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(r.contains(InetAddress.getByName("::ffff:10.0.0.1"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("fc00::1"))).isFalse();
    }

    @Test
    void acceptsIpv6BareAddressesAndMappedRanges() throws Exception {
        assertThat(CidrRange.parse("fc00::/7").contains(InetAddress.getByName("fdff::1"))).isTrue();
        assertThat(CidrRange.parse("2001:db8::1").contains(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(CidrRange.parse("2001:db8::1").contains(InetAddress.getByName("2001:db8::2"))).isFalse();
        assertThat(CidrRange.parse("::ffff:192.168.0.0/112").contains(InetAddress.getByName("192.168.3.4")))
                .isTrue();
        assertThat(CidrRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @Test
    void masksHostBits() {
        assertThat(CidrRange.parse("10.1.2.3/8")).isEqualTo(CidrRange.parse("10.0.0.0/8"));
        assertThat(CidrRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "::/129", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "example.com/8",
            "10.0.0.0/8/8", "fe80::1%eth0/64", "10.0.0.0/0x8"})
    void refusesWhatIsNotACidrRange(String text) {
        assertThatThrownBy(() -> CidrRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
