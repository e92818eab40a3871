package dev.nonstop.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.NotFound;
import dev.nonstop.common.UserError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the exact refusal a call gets: its class and its message key, not just "some UserError". */
public final class Refusals {

    private Refusals() {
    }

    /** The call is refused with exactly this kind of error and message key. */
    public static void refused(ThrowingCallable call, Class<? extends UserError> kind, String key) {
        assertThatThrownBy(call).isExactlyInstanceOf(kind)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((UserError) e).key()).isEqualTo(key));
    }

    /** The call is answered as if the object did not exist (the answer another tenant's object gets too). */
    public static void notFound(ThrowingCallable call, String key) {
        refused(call, NotFound.class, key);
    }

    /** The call is refused with this message key, whatever the error's class. */
    public static void refusedWith(ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(UserError.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((UserError) e).key()).isEqualTo(key));
    }
}
