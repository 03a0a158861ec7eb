package org.warmline.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page ({@code templates/login.html}); Spring Security handles the POST. */
@Controller
class LoginController {

    static final String VIEW_LOGIN = "login";

    private final LoginPolicy policy;

    LoginController(LoginPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("lockMinutes", policy.lockMinutes());
        return VIEW_LOGIN;
    }
}
