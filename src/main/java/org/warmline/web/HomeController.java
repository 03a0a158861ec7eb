package org.warmline.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page. */
@Controller
class HomeController {

    static final String VIEW_HOME = "home";

    @GetMapping("/")
    String home() {
        return VIEW_HOME;
    }
}
