package org.warmline.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * What follows a form login: a success clears the failure count; a wrong password counts, and the last allowed one
 * locks the account; a locked account is sent back with its own message ({@code /login?locked}), not "bad credentials".
 */
class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginOutcomes.class);

    private final AccountStore accounts;
    private final LoginPolicy policy;
    private final AuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
    private final SimpleUrlAuthenticationFailureHandler badCredentials =
            new SimpleUrlAuthenticationFailureHandler("/login?error");
    private final SimpleUrlAuthenticationFailureHandler locked = new SimpleUrlAuthenticationFailureHandler("/login?locked");
    private final SimpleUrlAuthenticationFailureHandler disabled =
            new SimpleUrlAuthenticationFailureHandler("/login?disabled");

    LoginOutcomes(AccountStore accounts, LoginPolicy policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        accounts.resetFailedLogins(authentication.getName());
        success.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof LockedException) {
            locked.onAuthenticationFailure(request, response, exception);
            return;
        }
        if (exception instanceof DisabledException) {
            disabled.onAuthenticationFailure(request, response, exception);
            return;
        }
        String username = request.getParameter("username");
        if (exception instanceof BadCredentialsException && username != null
                && accounts.recordFailedLogin(username, policy.maxFailedLogins(), policy.lockDuration())) {
            log.warn("Account {} locked for {} minutes after {} failed logins", username.replaceAll("[\\r\\n]", "_"),
                    policy.lockMinutes(), policy.maxFailedLogins());
            locked.onAuthenticationFailure(request, response, exception);
            return;
        }
        badCredentials.onAuthenticationFailure(request, response, exception);
    }
}
