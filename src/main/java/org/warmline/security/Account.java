package org.warmline.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * A sign-in account, without its secrets (the password and API token hashes never leave {@link AccountStore}).
 *
 * @param staffCode the staff member the account belongs to, or null (e.g. the administrator)
 * @param unitCode the unit whose subtree a unit manager sees, or a handler's team; null for roles that see everything
 * @param failedLogins the account lock of earlier versions, no longer counted (sign-in throttling is per name and
 *     address: {@link LoginThrottle})
 * @param lockedUntil the account lock of earlier versions, no longer set
 */
public record Account(long id, String username, Role role, String staffCode, String unitCode, boolean enabled,
        int failedLogins, Instant lockedUntil, Instant createdAt) implements Serializable {

    /** The data scope of this account. */
    public DataScope scope() {
        return new DataScope(role, unitCode, staffCode);
    }
}
