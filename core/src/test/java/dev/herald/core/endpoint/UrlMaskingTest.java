package dev.herald.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one way a URL leaves the process: what each kind of URL keeps and what it hides. */
class UrlMaskingTest {
    @Test
    void aWebhookUrlKeepsSchemeHostAndPortOnly() {
        assertThat(UrlMasking.endpoint("https://hooks.example:8443/services/T1/B2/secret?token=q#frag"))
                .isEqualTo("https://hooks.example:8443/… (path and query not shown)");
        assertThat(UrlMasking.endpoint("https://hooks.example/")).isEqualTo("https://hooks.example/");
        assertThat(UrlMasking.endpoint("https://hooks.example")).isEqualTo("https://hooks.example");
        assertThat(UrlMasking.endpoint("http://[::1]:8080?k=v")).isEqualTo("http://[::1]:8080/… (path and query"
                + " not shown)");
    }

    @Test
    void userInformationIsNeverShown() {
        assertThat(UrlMasking.endpoint("https://alice:pw@hooks.example/x")).isEqualTo("https://…@hooks.example/…"
                + " (path and query not shown)");
        assertThat(UrlMasking.database("jdbc:postgresql://alice:pw@db:5432/herald?password=x"))
                .isEqualTo("jdbc:postgresql://…@db:5432/herald?...");
    }

    @Test
    void aDatabaseUrlKeepsItsDatabaseAndLosesItsParameters() {
        assertThat(UrlMasking.any("jdbc:postgresql://db:5432/herald?password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/herald?...");
        assertThat(UrlMasking.any("jdbc:postgresql://db/herald")).isEqualTo("jdbc:postgresql://db/herald");
    }

    @Test
    void whatDoesNotParseIsNotShownAtAll() {
        assertThat(UrlMasking.endpoint("https://hooks example/secret path")).doesNotContain("secret");
        assertThat(UrlMasking.endpoint("not a url/secret")).doesNotContain("secret");
    }
}
