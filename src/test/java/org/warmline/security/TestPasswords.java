package org.warmline.security;

import org.springframework.security.crypto.password.PasswordEncoder;

/** The application's password encoder for tests that make accounts without it: bcrypt of the least work by default. */
public final class TestPasswords {

    private TestPasswords() {
    }

    /** As the tests' configuration sets it ({@code warmline.security.password-strength=4}). */
    public static PasswordEncoder encoder() {
        return encoder(4);
    }

    /** The encoder the application makes for this strength. */
    static PasswordEncoder encoder(int strength) {
        return new SecurityConfiguration().passwordEncoder(new LoginPolicy(5, 15, strength));
    }
}
