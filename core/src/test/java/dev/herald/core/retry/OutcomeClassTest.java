package dev.herald.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "200, SUCCESS", "201, SUCCESS", "204, SUCCESS", "299, SUCCESS",
        "408, RETRYABLE", "425, RETRYABLE", "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE",
        "599, RETRYABLE",
        "410, GONE",
        "400, FINAL", "401, FINAL", "403, FINAL", "404, FINAL", "413, FINAL", "422, FINAL",
        "301, FINAL", "302, FINAL", "307, FINAL", "100, FINAL"
    })
    void classifiesStatuses(int status, OutcomeClass expected) {
        assertThat(OutcomeClass.ofStatus(status)).isEqualTo(expected);
    }
}
