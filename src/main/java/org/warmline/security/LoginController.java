package org.warmline.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page ({@code templates/login.html}); Spring Security handles the POST. */
@Controller
class LoginController {

    static final String VIEW_LOGIN = "login";

    private final LoginPolicy policy;

    LoginController(LoginPolicy policy) {
        this.policy = policy;
    }

    /** The sign-in page; {@code wait} is how many minutes the address must wait ({@link LoginOutcomes}). */
    @GetMapping("/login")
    String login(@RequestParam(name = "wait", required = false) String wait, Model model) {
        if (wait != null) {
            int minutes;
            try {
                minutes = Integer.parseInt(wait.trim());
            } catch (NumberFormatException e) {
                minutes = policy.lockMinutes();
            }
            model.addAttribute("waitMinutes", Math.max(1, Math.min(minutes, policy.lockMinutes())));
        }
        return VIEW_LOGIN;
    }
}
