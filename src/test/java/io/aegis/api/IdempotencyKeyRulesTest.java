package io.aegis.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Idempotency-Key: 1-255 printable US-ASCII characters. */
class IdempotencyKeyRulesTest {

    @Test
    void printableAsciiUpTo255CharactersIsAccepted() {
        assertThatCode(() -> IdempotencyKeyReserver.requireValid("a")).doesNotThrowAnyException();
        assertThatCode(() -> IdempotencyKeyReserver.requireValid("order-42 retry ~!")).doesNotThrowAnyException();
        assertThatCode(() -> IdempotencyKeyReserver.requireValid("k".repeat(255))).doesNotThrowAnyException();
    }

    @Test
    void emptyLongOrNonAsciiKeysAre400() {
        for (String invalid : new String[] {"", "   ", "k".repeat(256), "caf\u00e9", "tab\there", "nul\u0000"}) {
            assertThatThrownBy(() -> IdempotencyKeyReserver.requireValid(invalid))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> org.assertj.core.api.Assertions.assertThat(problem.toProblem().status())
                                    .isEqualTo(400));
        }
    }
}
