package org.warmline.security;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The pages' sign-in: the password checked by Spring Security's {@link DaoAuthenticationProvider} (bcrypt; an unknown
 * name costs the same time as a wrong password), behind {@link LoginThrottle}. An address that must wait is refused
 * before the password is looked at ({@link LoginThrottled}), whatever the name; a wrong password or unknown name is
 * counted for the name and address; a success forgets that address's failures. Whether the account is disabled is
 * said only after the right password, so the answers tell a stranger nothing about which names exist.
 */
class ThrottledLogin implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledLogin.class);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogin(AccountUserDetailsService accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        // the account's state (disabled) only after the password: before it, it would tell which names exist
        this.passwords.setPreAuthenticationChecks(user -> { });
        this.passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<Duration> waiting = throttle.waiting(username, client);
        if (waiting.isPresent()) {
            throw new LoginThrottled(waiting.get());
        }
        try {
            Authentication done = passwords.authenticate(authentication);
            throttle.succeeded(username, client);
            return done;
        } catch (BadCredentialsException wrong) {
            Duration wait = throttle.failed(username, client);
            if (!wait.isZero()) {
                log.warn("Sign-in with name '{}' from {} held for {} after repeated failures",
                        printable(username), printable(client), wait);
                throw new LoginThrottled(wait);
            }
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String printable(String text) {
        String s = text == null ? "" : text.replaceAll("\\p{Cntrl}", "_");
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
