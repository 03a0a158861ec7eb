package org.warmline.security;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.organization.OrganizationStore;

/**
 * {@code /admin/accounts}: the accounts, and creating one, resetting a password, enabling / disabling and issuing an
 * API token (administrators only). A generated password and an API token are shown once, on the next page.
 */
@Controller
@RequestMapping("/admin/accounts")
class AccountAdminController {

    static final String VIEW_ACCOUNTS = "security/accounts";

    /** The length the administrator must type; generated passwords are longer. */
    static final int MIN_PASSWORD = 10;

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final AccountStore accounts;
    private final OrganizationStore organization;
    private final LoginThrottle throttle;

    AccountAdminController(AccountStore accounts, OrganizationStore organization, LoginThrottle throttle) {
        this.accounts = accounts;
        this.organization = organization;
        this.throttle = throttle;
    }

    /**
     * An account as the list shows it.
     *
     * @param heldUntil until when some address must wait before it may try the account's name again
     *     ({@link LoginThrottle}), or empty
     */
    record Row(Account account, String heldUntil, boolean hasToken) {
    }

    @ModelAttribute("roles")
    Role[] roles() {
        return Role.values();
    }

    @GetMapping
    String list(@RequestParam(name = "edit", required = false) String edit, Model model,
            RedirectAttributes redirect) {
        if (edit != null) {
            Optional<Account> account = accounts.find(edit);
            if (account.isEmpty()) {
                return unknown(redirect);
            }
            model.addAttribute("editForm", AccountEditForm.of(account.get()));
        }
        return page(new AccountForm(), model);
    }

    /** Changes an account's role, unit, staff member and sign-in; an administrator cannot demote or disable self. */
    @PostMapping("/edit")
    String edit(@Valid @ModelAttribute("editForm") AccountEditForm form, BindingResult result, Model model,
            Principal principal, RedirectAttributes redirect) {
        if (!result.hasFieldErrors("username") && accounts.find(form.getUsername()).isEmpty()) {
            return unknown(redirect);
        }
        checkOrganisation(form.getRole(), form.getUnitCode(), form.getStaffCode(), result);
        boolean self = principal != null && principal.getName().equals(form.getUsername());
        if (self && form.getRole() != null && form.getRole() != Role.ADMIN) {
            result.rejectValue("role", "account.cannotDemoteSelf");
        }
        if (self && !form.isEnabled()) {
            result.rejectValue("enabled", "account.cannotDisableSelf");
        }
        if (result.hasErrors()) {
            return page(new AccountForm(), model);
        }
        try {
            accounts.update(form.getUsername(), form.getRole(), form.getStaffCode(), form.getUnitCode(),
                    form.isEnabled());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(new AccountForm(), model);
        }
        redirect.addFlashAttribute("message", "account.updated");
        redirect.addFlashAttribute("messageArg", form.getUsername());
        return "redirect:/admin/accounts";
    }

    /** Revokes an account's API token: from now on (on other instances within seconds) it is refused. */
    @PostMapping("/token/revoke")
    String revokeToken(@RequestParam("username") String username, RedirectAttributes redirect) {
        if (accounts.find(username).isEmpty()) {
            return unknown(redirect);
        }
        accounts.revokeApiToken(username);
        redirect.addFlashAttribute("message", "account.tokenRevoked");
        redirect.addFlashAttribute("messageArg", username);
        return "redirect:/admin/accounts";
    }

    /** The unit and staff must exist; a manager needs a unit, a handler a staff member or a team. */
    private void checkOrganisation(Role role, String unitCode, String staffCode, BindingResult result) {
        if (unitCode != null && organization.unit(unitCode).isEmpty()) {
            result.rejectValue("unitCode", "unit.parent.unknown");
        }
        if (staffCode != null && organization.staffMember(staffCode).isEmpty()) {
            result.rejectValue("staffCode", "staff.unknown");
        }
        if (role == Role.UNIT_MANAGER && unitCode == null && !result.hasFieldErrors("unitCode")) {
            result.rejectValue("unitCode", "account.unit.required");
        }
        if (role == Role.HANDLER && unitCode == null && staffCode == null && !result.hasFieldErrors("staffCode")) {
            result.rejectValue("staffCode", "account.staffOrUnit.required");
        }
    }

    @PostMapping
    String create(@Valid @ModelAttribute("accountForm") AccountForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        String password = form.getPassword() == null || form.getPassword().isEmpty() ? null : form.getPassword();
        if (password != null && password.length() < MIN_PASSWORD) {
            result.rejectValue("password", "validation.password.short", new Object[] {MIN_PASSWORD}, null);
        }
        if (!result.hasFieldErrors("username") && accounts.find(form.getUsername()).isPresent()) {
            result.rejectValue("username", "validation.username.taken");
        }
        checkOrganisation(form.getRole(), form.getUnitCode(), form.getStaffCode(), result);
        if (result.hasErrors()) {
            return page(form, model);
        }
        String initial = password != null ? password : generatedPassword();
        try {
            accounts.create(form.getUsername(), initial, form.getRole(), form.getStaffCode(), form.getUnitCode());
        } catch (DuplicateKeyException e) {
            result.rejectValue("username", "validation.username.taken");
            return page(form, model);
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(form, model);
        }
        redirect.addFlashAttribute("message", "account.created");
        redirect.addFlashAttribute("messageArg", form.getUsername());
        if (password == null) {
            showOnce(redirect, "account.generatedPassword", form.getUsername(), initial);
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/password")
    String resetPassword(@RequestParam("username") String username,
            @RequestParam(name = "password", required = false) String password, RedirectAttributes redirect) {
        String typed = password == null || password.isEmpty() ? null : password;
        if (typed != null && (typed.length() < MIN_PASSWORD || typed.length() > 200)) {
            redirect.addFlashAttribute("failure", "validation.password.short");
            redirect.addFlashAttribute("failureArg", MIN_PASSWORD);
            return "redirect:/admin/accounts";
        }
        String newPassword = typed != null ? typed : generatedPassword();
        if (!accounts.setPassword(username, newPassword)) {
            return unknown(redirect);
        }
        throttle.forget(username); // the new password may be tried at once, from anywhere
        redirect.addFlashAttribute("message", "account.passwordReset");
        redirect.addFlashAttribute("messageArg", username);
        if (typed == null) {
            showOnce(redirect, "account.generatedPassword", username, newPassword);
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/enabled")
    String setEnabled(@RequestParam("username") String username, @RequestParam("enabled") boolean enabled,
            Principal principal, RedirectAttributes redirect) {
        if (!enabled && principal != null && principal.getName().equals(username)) {
            redirect.addFlashAttribute("failure", "account.cannotDisableSelf");
            return "redirect:/admin/accounts";
        }
        if (!accounts.setEnabled(username, enabled)) {
            return unknown(redirect);
        }
        redirect.addFlashAttribute("message", enabled ? "account.enabledDone" : "account.disabledDone");
        redirect.addFlashAttribute("messageArg", username);
        return "redirect:/admin/accounts";
    }

    @PostMapping("/token")
    String issueToken(@RequestParam("username") String username, RedirectAttributes redirect) {
        if (accounts.find(username).isEmpty()) {
            return unknown(redirect);
        }
        String token = accounts.newApiToken(username);
        redirect.addFlashAttribute("message", "account.tokenIssued");
        redirect.addFlashAttribute("messageArg", username);
        showOnce(redirect, "account.token", username, token);
        return "redirect:/admin/accounts";
    }

    private static String unknown(RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", "account.unknown");
        return "redirect:/admin/accounts";
    }

    /** A secret shown on the next page only (flash attributes live until the redirect is followed). */
    private static void showOnce(RedirectAttributes redirect, String label, String username, String secret) {
        redirect.addFlashAttribute("secretLabel", label);
        redirect.addFlashAttribute("secretUser", username);
        redirect.addFlashAttribute("secret", secret);
    }

    static String generatedPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private String page(AccountForm form, Model model) {
        java.util.Set<String> tokens = accounts.withApiToken();
        List<Row> rows = accounts.all().stream()
                .map(a -> new Row(a, throttle.blockedUntil(a.username()).map(TIME::format).orElse(""),
                        tokens.contains(a.username()))).toList();
        model.addAttribute("accountForm", form);
        model.addAttribute("accounts", rows);
        model.addAttribute("units", organization.units());
        model.addAttribute("staff", organization.staff());
        return VIEW_ACCOUNTS;
    }
}
