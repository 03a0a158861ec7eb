package org.warmline.security;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The account of the current request (page session or API token), for the other modules: its role, unit and staff
 * code, and so its {@link DataScope}.
 */
@Component
public class CurrentUser {

    private final AccountStore accounts;

    CurrentUser(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** The signed-in account, or empty for an anonymous request. */
    public Optional<Account> account() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof AccountUser user) {
            return Optional.of(user.account());
        }
        return accounts.find(authentication.getName());
    }

    /**
     * The signed-in account.
     *
     * @throws IllegalStateException if nobody is signed in (security configuration lets no such request through)
     */
    public Account required() {
        return account().orElseThrow(() -> new IllegalStateException("no signed-in account"));
    }

    /** The data scope of the signed-in account. */
    public DataScope scope() {
        return required().scope();
    }
}
