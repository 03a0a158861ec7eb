package org.warmline.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page, for signed-in users: who they are, their role, and a sign-out button. */
@Controller
class HomeController {

    static final String VIEW_HOME = "home";

    private final CurrentUser currentUser;

    HomeController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/")
    String home(Model model) {
        currentUser.account().ifPresent(account -> model.addAttribute("account", account));
        return VIEW_HOME;
    }
}
