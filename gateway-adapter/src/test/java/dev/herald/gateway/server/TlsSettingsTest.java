package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.gateway.server.TlsSettings.ClientAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PLUGINS_SERVER_SSL_* as cpex's server reads them; each bad one is one error naming its variable. */
class TlsSettingsTest {
    @TempDir
    Path dir;

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of("PLUGINS_SERVER_SSL_ENABLED", "true",
                "PLUGINS_SERVER_SSL_KEYFILE", TestTls.file("server.key").toString(),
                "PLUGINS_SERVER_SSL_CERTFILE", TestTls.file("server.pem").toString(),
                "PLUGINS_SERVER_SSL_CA_CERTS", TestTls.file("ca.pem").toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                env.remove(keyValues[i]);
            } else {
                env.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return env;
    }

    private static ServerSecurity read(Map<String, String> env) {
        return ServerSecurity.fromEnvironment(env, List.of(), null, null, false);
    }

    @Test
    void readsEveryVariableWithCertReqsRequiredByDefault() {
        TlsSettings tls = read(env()).tls();

        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(tls.caCerts()).isEqualTo(TestTls.file("ca.pem"));
        assertThat(read(env("PLUGINS_SERVER_SSL_CERT_REQS", "0")).tls().clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(read(env("PLUGINS_SERVER_SSL_CERT_REQS", "1")).tls().clientAuth())
                .isEqualTo(ClientAuth.OPTIONAL);
        assertThat(read(env("PLUGINS_SERVER_SSL_ENABLED", "false")).tls()).isNull();
        assertThat(read(Map.of()).tls()).isNull();
    }

    @Test
    void anEncryptedKeyLoadsWithItsPasswordWhichIsNeverShown() {
        TlsSettings tls = read(env("PLUGINS_SERVER_SSL_KEYFILE", TestTls.file("server-encrypted.key").toString(),
                "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD", TestTls.KEY_PASSWORD)).tls();

        assertThat(tls.keyPassword()).isEqualTo(TestTls.KEY_PASSWORD);
        assertThat(tls.toString()).doesNotContain(TestTls.KEY_PASSWORD);
    }

    private void assertRefused(Map<String, String> env, String variable, String... fragments) {
        assertThatThrownBy(() -> read(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + ":")
                .satisfies(e -> List.of(fragments).forEach(f -> assertThat(e.getMessage()).contains(f)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TestTls.KEY_PASSWORD, "wrong-one",
                        "Exception:", "\n"));
    }

    @Test
    void eachBadSettingIsOneErrorNamingItsVariable() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a PEM file");
        Path badCert = Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        String encrypted = TestTls.file("server-encrypted.key").toString();

        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", dir.resolve("missing.key").toString()),
                "PLUGINS_SERVER_SSL_KEYFILE", "no such file");
        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", null), "PLUGINS_SERVER_SSL_KEYFILE", "must name");
        assertRefused(env("PLUGINS_SERVER_SSL_CERTFILE", text.toString()), "PLUGINS_SERVER_SSL_CERTFILE",
                "not a PEM file");
        assertRefused(env("PLUGINS_SERVER_SSL_CERTFILE", badCert.toString()), "PLUGINS_SERVER_SSL_CERTFILE",
                "not a valid X.509");
        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", TestTls.file("server.pem").toString()),
                "PLUGINS_SERVER_SSL_KEYFILE", "no PKCS#8");
        assertRefused(env("PLUGINS_SERVER_SSL_CA_CERTS", text.toString()), "PLUGINS_SERVER_SSL_CA_CERTS");
        assertRefused(env("PLUGINS_SERVER_SSL_CA_CERTS", null), "PLUGINS_SERVER_SSL_CA_CERTS", "CERT_REQS is 2");
        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", encrypted), "PLUGINS_SERVER_SSL_KEYFILE",
                "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD");
        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", encrypted, "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD",
                "wrong-one"), "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD", "wrong password");
        assertRefused(env("PLUGINS_SERVER_SSL_KEYFILE", TestTls.file("client.key").toString()),
                "PLUGINS_SERVER_SSL_KEYFILE", "not the one");
        assertRefused(env("PLUGINS_SERVER_SSL_CERT_REQS", "3"), "PLUGINS_SERVER_SSL_CERT_REQS", "'3'");
        assertRefused(env("PLUGINS_SERVER_SSL_CERT_REQS", "required"), "PLUGINS_SERVER_SSL_CERT_REQS");
        assertRefused(env("PLUGINS_SERVER_SSL_ENABLED", "maybe"), "PLUGINS_SERVER_SSL_ENABLED", "true or false");
    }
}
