package org.warmline.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-in is protected. Throttling ({@link LoginThrottle}): after {@code maxFailedLogins} failed sign-ins in a
 * row with one user name from one client address, that address waits one minute before it may try the name again,
 * twice as long after each further failure, at most {@code lockMinutes} ({@code warmline.security.max-failed-logins},
 * {@code warmline.security.lock-minutes}). Passwords are stored as bcrypt hashes of {@code passwordStrength} log
 * rounds ({@code warmline.security.password-strength}, 4–31; each more doubles the work of a guess and of a sign-in).
 */
@ConfigurationProperties("warmline.security")
record LoginPolicy(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15") int lockMinutes,
        @DefaultValue("10") int passwordStrength) {

    LoginPolicy {
        if (maxFailedLogins < 1 || lockMinutes < 1) {
            throw new IllegalArgumentException("warmline.security.max-failed-logins and lock-minutes must be positive");
        }
        if (passwordStrength < 4 || passwordStrength > 31) {
            throw new IllegalArgumentException("warmline.security.password-strength must be from 4 to 31");
        }
    }

    /** The longest wait. */
    Duration lockDuration() {
        return Duration.ofMinutes(lockMinutes);
    }

    /**
     * How long an address waits after its {@code failures}-th failure in a row with one name: nothing before
     * {@code maxFailedLogins}, then 1, 2, 4, … minutes, at most {@code lockMinutes}.
     */
    Duration delay(int failures) {
        if (failures < maxFailedLogins) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - maxFailedLogins, 20);
        return Duration.ofMinutes(Math.min(lockMinutes, 1L << doublings));
    }
}
