package org.warmline.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * A sign-in account, without its secrets (the password and API token hashes never leave {@link AccountStore}).
 *
 * @param staffCode the staff member the account belongs to, or null (e.g. the administrator)
 * @param unitCode the unit whose subtree a unit manager sees, or a handler's team; null for roles that see everything
 * @param lockedUntil until when sign-in is refused after too many failed logins, or null
 */
public record Account(long id, String username, Role role, String staffCode, String unitCode, boolean enabled,
        int failedLogins, Instant lockedUntil, Instant createdAt) implements Serializable {

    /** Whether sign-in is refused at {@code now} because of failed logins. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** The data scope of this account. */
    public DataScope scope() {
        return new DataScope(role, unitCode, staffCode);
    }
}
