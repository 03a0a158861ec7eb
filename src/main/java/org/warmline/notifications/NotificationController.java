package org.warmline.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * {@code /notifications} (通知), for every signed-in user: their notifications newest first, fifty a page, each with
 * a link to its case (opening it marks the notification read), mark one read, mark all read; and where they want their
 * notices outside the application (their e-mail address and mobile number, used by the configured channels).
 * Another account's notification is 404.
 */
@Controller
class NotificationController {

    static final String VIEW = "notifications/list";
    static final int PAGE = 50;

    /** Where the user wants notices outside the application. */
    static class ContactForm {

        @Size(max = 200, message = "{notifications.email.invalid}")
        @Email(message = "{notifications.email.invalid}")
        private String email;

        @Size(max = 40, message = "{notifications.mobile.invalid}")
        @Pattern(regexp = "[0-9+\\- ()]*", message = "{notifications.mobile.invalid}")
        private String mobile;

        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email == null || email.isBlank() ? null : email.trim(); }
        public String getMobile() { return mobile; }
        public void setMobile(String mobile) { this.mobile = mobile == null || mobile.isBlank() ? null : mobile.trim(); }
    }

    private final Notifications notifications;
    private final NotificationContacts contacts;
    private final CurrentUser currentUser;

    NotificationController(Notifications notifications, NotificationContacts contacts, CurrentUser currentUser) {
        this.notifications = notifications;
        this.contacts = contacts;
        this.currentUser = currentUser;
    }

    @GetMapping("/notifications")
    String list(@RequestParam(name = "page", defaultValue = "0") int page,
                @RequestParam(name = "unread", defaultValue = "false") boolean unreadOnly, Model model) {
        Account me = me();
        if (!model.containsAttribute("contactForm")) {
            ContactForm form = new ContactForm();
            contacts.of(me.id()).ifPresent(c -> {
                form.setEmail(c.email());
                form.setMobile(c.mobile());
            });
            model.addAttribute("contactForm", form);
        }
        return page(me, Math.max(0, Math.min(page, 100_000)), unreadOnly, model);
    }

    private String page(Account me, int page, boolean unreadOnly, Model model) {
        List<Notification> rows = notifications.page(me.id(), unreadOnly, PAGE + 1, page * PAGE);
        model.addAttribute("rows", rows.size() > PAGE ? rows.subList(0, PAGE) : rows);
        model.addAttribute("hasNext", rows.size() > PAGE);
        model.addAttribute("page", page);
        model.addAttribute("unreadOnly", unreadOnly);
        model.addAttribute("unread", notifications.unreadCount(me.id()));
        model.addAttribute("total", notifications.count(me.id()));
        model.addAttribute("channels", notifications.channels());
        return VIEW;
    }

    /** Opens the notification's case, marking the notification read. */
    @GetMapping("/notifications/{id}/open")
    String open(@PathVariable("id") long id) {
        Account me = me();
        Notification n = notifications.byId(id, me.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        notifications.markRead(id, me.id(), Instant.now());
        return n.caseNo() == null ? "redirect:/notifications"
                : "redirect:/cases/" + UriUtils.encodePathSegment(n.caseNo(), StandardCharsets.UTF_8);
    }

    @PostMapping("/notifications/{id}/read")
    String read(@PathVariable("id") long id, RedirectAttributes redirect) {
        Account me = me();
        if (!notifications.owns(id, me.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        notifications.markRead(id, me.id(), Instant.now());
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/read-all")
    String readAll(RedirectAttributes redirect) {
        int marked = notifications.markAllRead(me().id(), Instant.now());
        redirect.addFlashAttribute("message", "notifications.allRead");
        redirect.addFlashAttribute("messageArg", marked);
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/contact")
    String contact(@Valid @ModelAttribute("contactForm") ContactForm form, BindingResult result, Model model,
                   RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        Account me = me();
        if (form.getMobile() != null && !Notifications.textable(form.getMobile())) {
            result.rejectValue("mobile", "notifications.mobile.invalid");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, 0, false, model);
        }
        contacts.set(me.id(), form.getEmail(), form.getMobile(), Instant.now());
        redirect.addFlashAttribute("message", "notifications.contactSaved");
        return "redirect:/notifications";
    }

    private Account me() {
        return currentUser.account().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
