package org.warmline.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordStrengthTest {

    private static PasswordEncoder encoder(int strength) {
        return TestPasswords.encoder(strength);
    }

    @Test
    void passwordsAreBcryptOfTheConfiguredStrengthAndAHashKeepsItsOwn() {
        String strong = encoder(10).encode("暖线 secret 1");
        String light = encoder(4).encode("暖线 secret 1");
        assertThat(strong).startsWith("{bcrypt}$2a$10$");
        assertThat(light).startsWith("{bcrypt}$2a$04$");
        // changing the setting leaves every stored password valid
        assertThat(encoder(10).matches("暖线 secret 1", light)).isTrue();
        assertThat(encoder(4).matches("暖线 secret 1", strong)).isTrue();
        assertThat(encoder(10).matches("暖线 secret 2", strong)).isFalse();
    }

    @Test
    void aStrengthOutsideBcryptsRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new LoginPolicy(5, 15, 3)).hasMessageContaining("password-strength");
        assertThatThrownBy(() -> new LoginPolicy(5, 15, 32)).hasMessageContaining("password-strength");
    }
}
