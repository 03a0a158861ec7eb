package org.warmline.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in principal: the account, with authority {@code ROLE_<role>}. */
final class AccountUser implements UserDetails, CredentialsContainer {

    private final Account account;
    private String passwordHash;

    AccountUser(Account account, String passwordHash) {
        this.account = account;
        this.passwordHash = passwordHash;
    }

    Account account() {
        return account;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "AccountUser[" + account.username() + ", " + account.role() + "]";
    }
}
