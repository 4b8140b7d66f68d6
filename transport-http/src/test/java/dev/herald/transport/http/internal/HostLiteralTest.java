package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A URL's host is read as browsers and curl read it, before anything is looked up. */
class HostLiteralTest {

    private static HostLiteral read(String authority) {
        return HostLiteral.of(URI.create("http://" + authority + "/hook?token=t"));
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "0x7f.0.0.1, 127.0.0.1",
        "0X7F.0.0.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "127.0.1, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "127.0.0.1., 127.0.0.1",
        "127.000.000.001, 127.0.0.1",
        "0, 0.0.0.0",
        "0x, 0.0.0.0",
        "010.0.0.1, 8.0.0.1",
        "0251.0376.0251.0376, 169.254.169.254",
        "2852039166, 169.254.169.254",
        "0xa9fea9fe, 169.254.169.254",
        "0300.0250.1, 192.168.0.1",
        "4294967295, 255.255.255.255",
    })
    void readsEveryIpv4NotationAsTheAddressBrowsersReach(String host, String address) throws Exception {
        HostLiteral literal = read(host + ":8080");

        assertThat(literal.host()).isEqualTo(host);
        assertThat(literal.address()).contains(InetAddress.getByName(address));
        assertThat(literal.standard()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "93.184.216.34, 93.184.216.34",
        "0.0.0.0, 0.0.0.0",
        "[::1], ::1",
        "[::ffff:127.0.0.1], 127.0.0.1",
        "[::ffff:7f00:1], 127.0.0.1",
        "[64:ff9b::127.0.0.1], 64:ff9b::7f00:1",
        "[fe80::1%25eth0], fe80::1",
        "[1:2:3:4:5:6:1.2.3.4], 1:2:3:4:5:6:102:304",
    })
    void readsStandardLiterals(String host, String address) throws Exception {
        HostLiteral literal = read(host);

        assertThat(literal.address()).contains(InetAddress.getByName(address));
        assertThat(literal.standard()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com", "localhost", "1password.com", "0x.example", "xn--bcher-kva.example"})
    void leavesHostNamesToTheResolver(String host) {
        HostLiteral literal = read(host);

        assertThat(literal.address()).isEmpty();
        assertThat(literal.standard()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "256.0.0.1", "1.2.3.4.5", "example.09", "example.0x1g1", "1..1",
        "0x100000000", "99999999999999999999999"})
    void refusesAHostThatEndsInANumberButIsNoAddressAndNamesIt(String host) {
        assertThatThrownBy(() -> read("user:pw@" + host + ":80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + host + "'")
                .hasMessageNotContaining("pw")
                .hasMessageNotContaining("token");
    }

    @Test
    void anyIpv4ValueInAnyMixOfNotationsReadsAsThatValue() {
        qt().forAll(integers().all(), integers().between(1, 4), lists().of(integers().between(0, 2))
                .ofSize(4)).checkAssert((value, partCount, radixes) -> {
                    long v = value & 0xffffffffL;
                    String host = notation(v, partCount, radixes);
                    HostLiteral literal = read(host);
                    byte[] expected = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
                    assertThat(literal.address()).as(host).isPresent();
                    assertThat(literal.address().get().getAddress()).as(host).isEqualTo(expected);
                    assertThat(literal.standard()).as(host)
                            .isEqualTo(host.equals(literal.address().get().getHostAddress()));
                });
    }

    /** The value written in {@code parts} parts, the last taking the remaining bytes, each in its own radix. */
    private static String notation(long v, int parts, List<Integer> radixes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            boolean last = i == parts - 1;
            int shift = 8 * (3 - i);
            long part = last ? v & ((1L << (8 * (4 - i))) - 1) : (v >>> shift) & 0xff;
            out.add(switch (radixes.get(i)) {
                case 1 -> "0" + Long.toOctalString(part);
                case 2 -> "0x" + Long.toHexString(part);
                default -> Long.toString(part);
            });
        }
        return String.join(".", out);
    }
}
