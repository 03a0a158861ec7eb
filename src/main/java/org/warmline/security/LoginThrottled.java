package org.warmline.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because its address must wait before it may try that name again ({@link LoginThrottle}). */
class LoginThrottled extends AuthenticationException {

    private final transient Duration wait;

    LoginThrottled(Duration wait) {
        super("too many failed sign-ins: wait " + wait);
        this.wait = wait;
    }

    /** How long the address must still wait. */
    Duration waiting() {
        return wait;
    }
}
