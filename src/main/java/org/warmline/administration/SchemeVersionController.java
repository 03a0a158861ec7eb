package org.warmline.administration;

import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.warmline.scheme.SchemeException;

/**
 * {@code /admin/schemes} (ADMIN): the scheme versions — list, view one (its YAML and a summary of its numbers), upload
 * a new one (checked by the scheme loader, every problem listed, nothing stored on error), activate it from the first
 * day of a coming month, or withdraw a scheduled activation.
 */
@Controller
@RequestMapping("/admin/schemes")
class SchemeVersionController {

    static final String VIEW_LIST = "administration/schemes";
    static final String VIEW_ONE = "administration/scheme";
    private static final String REDIRECT_LIST = "redirect:/admin/schemes";

    private final SchemeVersions versions;
    private final MessageSource messages;

    SchemeVersionController(SchemeVersions versions, MessageSource messages) {
        this.versions = versions;
        this.messages = messages;
    }

    @ModelAttribute("activationForm")
    ActivationForm activationForm() {
        ActivationForm form = new ActivationForm();
        form.setActiveFrom(LocalDate.now(versions.zone()).withDayOfMonth(1).plusMonths(1));
        return form;
    }

    @ModelAttribute("adminFmt")
    AdminFormat adminFmt() {
        return new AdminFormat(versions.zone());
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("versions", versions.list());
        model.addAttribute("inForce", versions.today().version());
        return VIEW_LIST;
    }

    @GetMapping("/{version}")
    String view(@PathVariable String version, Model model) {
        SchemeVersions.Listed listed = versions.find(version)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("version", listed);
        model.addAttribute("summary", SchemeSummary.of(versions.scheme(listed)));
        return VIEW_ONE;
    }

    @PostMapping
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Principal principal,
                  Model model, RedirectAttributes redirect) {
        if (file == null || file.isEmpty()) {
            model.addAttribute("error", "scheme.upload.noFile");
            return list(model);
        }
        String name = fileName(file.getOriginalFilename());
        try {
            String version = versions.upload(name, file.getBytes(), principal.getName());
            redirect.addFlashAttribute("message", "scheme.upload.done");
            redirect.addFlashAttribute("messageArg", version);
            return "redirect:/admin/schemes/" + UriUtils.encodePathSegment(version, "UTF-8");
        } catch (SchemeException e) {
            model.addAttribute("problems", e.problems());
            return list(model);
        } catch (IOException e) {
            model.addAttribute("error", "scheme.upload.failed");
            return list(model);
        }
    }

    @PostMapping("/{version}/activate")
    String activate(@PathVariable String version, @ModelAttribute ActivationForm activationForm,
                    BindingResult binding, Principal principal, Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors() || activationForm.getActiveFrom() == null) {
            redirect.addFlashAttribute("refusal", text("scheme.refused.noDate", List.of(), locale));
            return REDIRECT_LIST;
        }
        try {
            versions.activate(version, activationForm.getActiveFrom(), principal.getName());
            redirect.addFlashAttribute("message", "scheme.activated");
            redirect.addFlashAttribute("messageArg", version);
            redirect.addFlashAttribute("messageArg2", activationForm.getActiveFrom().toString());
        } catch (VersionRefused e) {
            redirect.addFlashAttribute("refusal", text(e.key(), e.args(), locale));
        }
        return REDIRECT_LIST;
    }

    @PostMapping("/{version}/withdraw")
    String withdraw(@PathVariable String version, Principal principal, Locale locale, RedirectAttributes redirect) {
        try {
            versions.withdraw(version, principal.getName());
            redirect.addFlashAttribute("message", "scheme.withdrawn");
            redirect.addFlashAttribute("messageArg", version);
        } catch (VersionRefused e) {
            redirect.addFlashAttribute("refusal", text(e.key(), e.args(), locale));
        }
        return REDIRECT_LIST;
    }

    private String text(String key, List<Object> args, Locale locale) {
        return messages.getMessage(key, args.toArray(), locale);
    }

    /** The uploaded file's own name, without any folder or control characters. */
    static String fileName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").trim();
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
