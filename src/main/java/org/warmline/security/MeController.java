package org.warmline.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the API token belongs to. */
@RestController
class MeController {

    private final CurrentUser currentUser;

    MeController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** The token's account: user name and role. */
    record Me(String username, Role role, String roleName) {
    }

    @GetMapping("/api/me")
    Me me() {
        Account account = currentUser.required();
        return new Me(account.username(), account.role(), account.role().chineseName());
    }
}
