/**
 * Accounts and security (账户与安全): who may sign in and what they may see. Accounts with bcrypt-hashed passwords, the
 * five roles of the desk, form login for the pages (CSRF, session fixation protection, login throttling), bearer-token
 * authentication for the integration API under {@code /api} (only the token's SHA-256 hash is stored), the first-start
 * administrator, and the request's {@link org.warmline.security.CurrentUser} and {@link org.warmline.security.DataScope}
 * on which the other modules base their data scope; the home page and {@code /api/me} (who is signed in); the
 * administrators' account pages ({@code /admin/accounts}), which pick units and staff from the organization module;
 * and the API's 401 and 403, answered by the filter chains in the API's problem shape.
 */
package org.warmline.security;
