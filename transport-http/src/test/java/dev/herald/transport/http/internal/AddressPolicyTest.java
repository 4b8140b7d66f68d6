package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    private final AddressPolicy strict = AddressPolicy.allowing(List.of());

    private static InetAddress ip(String literal) throws Exception {
        // Literals only: InetAddress.getByName does not touch DNS for them.
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "100.64.0.1, carrier-grade NAT",
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "169.254.169.254, metadata",
            "169.254.1.1, link-local",
            "0.0.0.0, unspecified",
            "255.255.255.255, broadcast",
            "224.0.0.1, multicast",
            "240.0.0.1, reserved",
            "192.0.2.10, documentation",
            "198.18.0.1, benchmarking",
            "::, unspecified",
            "::1, loopback",
            "fe80::1, link-local",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "fec0::1, site-local",
            "ff02::1, multicast",
            "2001:db8::1, documentation",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "::ffff:169.254.169.254, metadata",
            "::127.0.0.1, loopback",
            "64:ff9b::a9fe:a9fe, metadata",
            "64:ff9b::7f00:1, loopback",
            "2002:7f00:1::1, loopback",
            "2002:a00:1::1, private",
            "::2, embeds 0.0.0.2",
            "4000::1, global unicast"})
    void refusesWhatIsNotPublic(String literal, String reasonPart) throws Exception {
        Optional<String> why = strict.refusal(ip(literal));
        assertThat(why).as(literal).isPresent();
        assertThat(why.get()).containsIgnoringCase(reasonPart);
    }

    @Test
    void judgesMappedAddressesByTheirIpv4EvenWhenKeptAsIpv6() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(strict.refusal(v6)).hasValueSatisfying(r -> assertThat(r).contains("10.0.0.1").contains("private"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001:81d::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(strict.refusal(ip(literal))).as(literal).isEmpty();
    }

    @Test
    void allowedNetworksOpenTheirRangesOnly() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of(CidrRange.parse("127.0.0.0/8"),
                CidrRange.parse("fd00::/8")));
        assertThat(policy.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(ip("::ffff:127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(ip("fd00::5"))).isEmpty();
        assertThat(policy.refusal(ip("::1"))).isPresent();
        assertThat(policy.refusal(ip("10.0.0.1"))).isPresent();
        assertThat(policy.refusal(ip("169.254.169.254"))).isPresent();
    }
}
