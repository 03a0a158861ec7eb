package org.warmline.announcements;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /public/outages}: the citizens' form asks, as the address is typed, whether an active announcement covers
 * it, and shows it before the citizen submits (no login; what it shows is what the announcement says publicly: the
 * cause, since when, when heat is expected back — no case, no staff).
 */
@Controller
class PublicOutages {

    static final String VIEW_NOTICE = "announcements/parts :: public-notice";

    private final Announcements announcements;

    PublicOutages(Announcements announcements) {
        this.announcements = announcements;
    }

    @GetMapping("/public/outages")
    String notice(@RequestParam(name = "address", required = false) String address, Model model,
                  HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        List<Announcement> covering = address == null || address.isBlank() ? List.of()
                : announcements.matching(address, null).stream().map(Announcements.Match::announcement).toList();
        model.addAttribute("outages", covering);
        model.addAttribute("now", Instant.now());
        return VIEW_NOTICE;
    }
}
