package org.warmline.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling: after {@code maxFailedLogins} failed logins in a row an account is locked for {@code lockMinutes}
 * ({@code warmline.security.max-failed-logins}, {@code warmline.security.lock-minutes}).
 */
@ConfigurationProperties("warmline.security")
record LoginPolicy(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15") int lockMinutes) {

    LoginPolicy {
        if (maxFailedLogins < 1 || lockMinutes < 1) {
            throw new IllegalArgumentException("warmline.security.max-failed-logins and lock-minutes must be positive");
        }
    }

    Duration lockDuration() {
        return Duration.ofMinutes(lockMinutes);
    }
}
