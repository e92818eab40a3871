package dev.nonstop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nonstop.common.UserError;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    private static String keyOf(Throwable e) {
        return ((UserError) e).key();
    }

    @Test
    void ships_a_list_of_at_least_3000_common_passwords() {
        assertThat(policy.commonCount()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void common_passwords_are_refused_whatever_their_case() {
        assertThatThrownBy(() -> policy.check("password123", "a@b.co")).extracting(PasswordPolicyTest::keyOf)
                .isEqualTo("error.password.common");
        assertThatThrownBy(() -> policy.check("QWERTYUIOP", "a@b.co")).extracting(PasswordPolicyTest::keyOf)
                .isEqualTo("error.password.common");
    }

    @Test
    void eight_characters_is_the_minimum() {
        assertThatThrownBy(() -> policy.check("x7#kQ2z", "a@b.co")).extracting(PasswordPolicyTest::keyOf)
                .isEqualTo("error.password.too-short");
        assertThatCode(() -> policy.check("x7#kQ2zP", "a@b.co")).doesNotThrowAnyException();
    }

    @Test
    void long_passphrases_in_any_script_are_welcome() {
        assertThatCode(() -> policy.check("비밀번호는 길수록 좋습니다 ".repeat(5), "a@b.co")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("w".repeat(64) + "!", "a@b.co")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("w".repeat(257), "a@b.co")).extracting(PasswordPolicyTest::keyOf)
                .isEqualTo("error.password.too-long");
    }

    @Test
    void the_email_is_not_a_password() {
        assertThatThrownBy(() -> policy.check("kim.minji@example.com", "kim.minji@example.com"))
                .extracting(PasswordPolicyTest::keyOf).isEqualTo("error.password.is-email");
    }
}
