package org.warmline.clusters;

import java.time.Instant;
import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.cases.Case;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/** The dashboard's "link under one complex case" action for a cluster alert (agents, who do the case work at intake). */
@Controller
class ClusterLinkController {

    private final ClusterDetector detector;
    private final CurrentUser currentUser;

    ClusterLinkController(ClusterDetector detector, CurrentUser currentUser) {
        this.detector = detector;
        this.currentUser = currentUser;
    }

    @PostMapping("/clusters/link")
    String link(@RequestParam(name = "cases", required = false) List<String> cases, RedirectAttributes redirect) {
        Account me = currentUser.required();
        if (me.role() != Role.AGENT) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.FORBIDDEN);
        }
        if (cases == null || cases.size() < 2) {
            redirect.addFlashAttribute("failure", "cluster.linkFailed");
            redirect.addFlashAttribute("failureArg", "2+");
            return "redirect:/dashboard";
        }
        try {
            Case parent = detector.linkUnderComplexCase(cases, me, Instant.now());
            redirect.addFlashAttribute("message", "cluster.linked");
            redirect.addFlashAttribute("messageArg", cases.size());
            redirect.addFlashAttribute("messageArg2", parent.caseNo());
            return "redirect:/cases/" + parent.caseNo();
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("failure", "cluster.linkFailed");
            redirect.addFlashAttribute("failureArg", e instanceof MessageSourceResolvable r
                    && r.getDefaultMessage() != null ? r.getDefaultMessage() : String.valueOf(e.getMessage()));
            return "redirect:/dashboard";
        }
    }
}
