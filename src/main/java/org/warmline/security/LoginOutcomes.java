package org.warmline.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Where a form sign-in leads: a success to the page asked for; an address that must wait ({@link LoginThrottled}) to
 * {@code /login?wait=N} (N minutes, the same for every name, known or not); a disabled account — said only after the
 * right password — to {@code /login?disabled}; anything else (wrong password, unknown name) to {@code /login?error}.
 */
class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final AuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
    private final SimpleUrlAuthenticationFailureHandler badCredentials =
            new SimpleUrlAuthenticationFailureHandler("/login?error");
    private final SimpleUrlAuthenticationFailureHandler disabled =
            new SimpleUrlAuthenticationFailureHandler("/login?disabled");

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        success.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof LoginThrottled throttled) {
            long minutes = Math.max(1, (throttled.waiting().toSeconds() + 59) / 60);
            new SimpleUrlAuthenticationFailureHandler("/login?wait=" + minutes)
                    .onAuthenticationFailure(request, response, exception);
            return;
        }
        if (exception instanceof DisabledException) {
            disabled.onAuthenticationFailure(request, response, exception);
            return;
        }
        badCredentials.onAuthenticationFailure(request, response, exception);
    }
}
