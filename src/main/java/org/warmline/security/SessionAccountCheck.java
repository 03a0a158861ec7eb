package org.warmline.security;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session whose account has changed since sign-in: disabled, deleted, or given another role, unit or staff
 * member by an administrator. The session holds the account as it was at sign-in, so without this check a disabled
 * user — or a manager moved to another branch — would keep the old rights until signing out. The user is sent to the
 * sign-in page with a message ({@code /login?changed}); API tokens are checked on every call anyway.
 */
final class SessionAccountCheck extends OncePerRequestFilter {

    private final AccountStore accounts;

    SessionAccountCheck(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountUser user
                && changed(user.account(), accounts.find(user.account().username()))) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?changed");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean changed(Account signedIn, Optional<Account> now) {
        return now.isEmpty() || !now.get().enabled() || now.get().id() != signedIn.id()
                || now.get().role() != signedIn.role()
                || !Objects.equals(now.get().unitCode(), signedIn.unitCode())
                || !Objects.equals(now.get().staffCode(), signedIn.staffCode());
    }
}
