package org.warmline.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.files.FileDownload;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.ledger.Category;
import org.warmline.security.Account;

/**
 * The case page's work besides its transitions: internal notes, the contact log, corrections of the case's facts,
 * its files (added from a desk or a phone's camera, shown as a gallery, downloaded — every download on the history),
 * and the printable case sheet. Who may do what is {@link CaseAccess}'s table; a case outside the viewer's scope is
 * 404, an action the role may not take 403. A refused action shows the case again with the reason and keeps nothing.
 */
@Controller
@RequestMapping("/cases/{caseNo}")
class CaseWorkController {

    static final String VIEW_SHEET = "cases/sheet";

    /** A milestone of the case sheet: its message key and when it happened. */
    record Milestone(String key, Instant at) {
    }

    private final DeskSupport support;
    private final CaseDesk desk;
    private final CaseAttachments attachments;
    private final CasePageModel pages;
    private final MessageSource messages;

    CaseWorkController(DeskSupport support, CaseAttachments attachments, CasePageModel pages,
                       MessageSource messages) {
        this.support = support;
        this.desk = support.desk();
        this.attachments = attachments;
        this.pages = pages;
        this.messages = messages;
    }

    @PostMapping("/notes")
    String note(@PathVariable("caseNo") String caseNo, @ModelAttribute CaseWorkForm form, Model model,
                RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
        Account me = support.me();
        Case c = permitted(caseNo, me, Case.Action.NOTE);
        try {
            desk.note(c.id(), me, Instant.now(), form.getText());
        } catch (TransitionRefused | DataAccessException failure) {
            return refused(c, me, failure, model, locale, response);
        }
        return done(c, "case.note.added", null, redirect, "notes");
    }

    @PostMapping("/contacts")
    String contact(@PathVariable("caseNo") String caseNo, @ModelAttribute CaseWorkForm form, Model model,
                   RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
        Account me = support.me();
        Case c = permitted(caseNo, me, Case.Action.CONTACT_ATTEMPT);
        ContactOutcome outcome = code(ContactOutcome.class, form.getOutcome());
        try {
            Case after = desk.logContact(c.id(), form.versionNumber(), me, Instant.now(), outcome, form.getRemark());
            return done(after, "case.contact.logged",
                    messages.getMessage("contact.outcome." + outcome.name(), null, locale), redirect, "contacts");
        } catch (CaseChanged | TransitionRefused | CaseNotFound | DataAccessException failure) {
            return refused(c, me, failure, model, locale, response);
        }
    }

    @PostMapping("/correct")
    String correct(@PathVariable("caseNo") String caseNo, @ModelAttribute CaseWorkForm form, Model model,
                   RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
        Account me = support.me();
        Case c = permitted(caseNo, me, Case.Action.CORRECT);
        Map<CaseFact, Object> values = new EnumMap<>(CaseFact.class);
        if (form.getCategory() != null) {
            Category category = code(Category.class, form.getCategory());
            values.put(CaseFact.CATEGORY, category == null ? "" : category);
        }
        if (form.getTopic() != null) {
            values.put(CaseFact.TOPIC, form.getTopic());
        }
        if (form.getComplex() != null) {
            values.put(CaseFact.COMPLEX, "true".equals(form.getComplex()));
        }
        if (form.getAddress() != null) {
            values.put(CaseFact.ADDRESS, form.getAddress());
        }
        if (form.getCitizenName() != null) {
            values.put(CaseFact.CITIZEN_NAME, form.getCitizenName());
        }
        if (form.getCitizenPhone() != null && !form.getCitizenPhone().isBlank()) {
            values.put(CaseFact.CITIZEN_PHONE, form.getCitizenPhone()); // empty: unchanged (the field shows no number)
        }
        try {
            Case after = desk.correct(c.id(), form.versionNumber(), me, Instant.now(), form.getReason(), values);
            return done(after, "case.corrected", null, redirect, "case-fields");
        } catch (CaseChanged | TransitionRefused | CaseNotFound | DataAccessException failure) {
            return refused(c, me, failure, model, locale, response);
        }
    }

    @PostMapping("/attachments")
    String attach(@PathVariable("caseNo") String caseNo,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
                  RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
        Account me = support.me();
        Case c = permitted(caseNo, me, Case.Action.ATTACH);
        List<MultipartFile> sent = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (sent.isEmpty()) {
            return refused(c, me, new FileRefused("files.refused.empty"), model, locale, response);
        }
        List<CaseAttachments.Prepared> prepared = new ArrayList<>();
        try {
            for (MultipartFile f : sent) {
                try (InputStream in = f.getInputStream()) {
                    prepared.add(attachments.prepare(in, f.getOriginalFilename(), FileKind.ALL));
                } catch (FileRefused refused) {
                    return refused(c, me, new DefaultMessageSourceResolvable(new String[] {"case.files.refused"},
                            new Object[] {f.getOriginalFilename(), refused}), model, locale, response);
                } catch (IOException e) {
                    return refused(c, me, new FileRefused("files.refused.unreadable"), model, locale, response);
                }
            }
            attachments.addAll(c.id(), prepared, CaseDesk.actor(me), false, Instant.now());
            return done(c, "case.files.added", prepared.size(), redirect, "files");
        } catch (TransitionRefused | DataAccessException failure) {
            return refused(c, me, failure, model, locale, response);
        } finally {
            prepared.forEach(CaseAttachments.Prepared::close);
        }
    }

    @GetMapping("/attachments/{id}")
    void download(@PathVariable("caseNo") String caseNo, @PathVariable("id") long id, HttpServletResponse response)
            throws IOException {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        CaseAttachments.Attachment file = attachments.find(c.id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        attachments.downloaded(file, me, Instant.now());
        FileDownload.headers(response, file.fileName(), file.kind(), file.size(), false);
        attachments.copyTo(file, false, response.getOutputStream());
    }

    @GetMapping("/attachments/{id}/preview")
    void preview(@PathVariable("caseNo") String caseNo, @PathVariable("id") long id, HttpServletResponse response)
            throws IOException {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        CaseAttachments.Attachment file = attachments.find(c.id(), id).filter(CaseAttachments.Attachment::hasPreview)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FileDownload.headers(response, file.fileName(), file.kind(), -1, true);
        attachments.copyTo(file, true, response.getOutputStream());
    }

    @GetMapping("/print")
    String sheet(@PathVariable("caseNo") String caseNo, Model model) {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        pages.common(c, me, support.org(), false, model, Instant.now());
        model.addAttribute("milestones", milestones(c));
        model.addAttribute("printedAt", Instant.now());
        model.addAttribute("printedBy", CaseDesk.actor(me));
        return VIEW_SHEET;
    }

    /** The case if the viewer sees it (404) and works it with a role that may take the action (403). */
    private Case permitted(String caseNo, Account me, Case.Action action) {
        Case c = support.visibleCase(caseNo, me);
        if (!CaseAccess.may(me.role(), action) || !support.worksCase(me, c)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }

    private String done(Case c, String message, Object argument, RedirectAttributes redirect, String anchor) {
        redirect.addFlashAttribute("message", message);
        if (argument != null) {
            redirect.addFlashAttribute("messageArg", argument);
        }
        return CaseDetailController.redirectTo(c) + "#" + anchor;
    }

    private String refused(Case c, Account me, Object failure, Model model, Locale locale,
                           HttpServletResponse response) {
        MessageSourceResolvable reason;
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        if (failure instanceof MessageSourceResolvable r && !(failure instanceof RuntimeException)) {
            reason = r;
        } else {
            TransitionFailure answer = TransitionFailure.of((RuntimeException) failure);
            reason = answer.reason();
            status = answer.status();
            if (answer.changed()) {
                model.addAttribute("changed", true);
            }
        }
        response.setStatus(status.value());
        model.addAttribute("refusal", messages.getMessage(reason, locale));
        Case now = support.visibleCase(c.caseNo(), me);
        return pages.page(now, me, support.org(), false, model);
    }

    private static <E extends Enum<E>> E code(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name.trim())) {
                return e;
            }
        }
        return null;
    }

    /** What the sheet lists as milestones, in time order. */
    static List<Milestone> milestones(Case c) {
        List<Milestone> out = new ArrayList<>();
        add(out, "sheet.submitted", c.submittedAt());
        add(out, "sheet.accepted", c.acceptedAt());
        add(out, "sheet.dispatched", c.dispatchedAt());
        add(out, "sheet.contacted", c.contactedAt());
        add(out, "sheet.surveyed", c.surveyedAt());
        add(out, "sheet.solution", c.solutionAt());
        add(out, "sheet.completed", c.completedAt());
        add(out, "sheet.evaluated", c.evaluatedAt());
        add(out, "sheet.reviewed", c.reviewedAt());
        add(out, "sheet.rehandled", c.rehandledAt());
        add(out, "sheet.explained", c.explainedAt());
        add(out, "sheet.withdrawn", c.withdrawnAt());
        out.sort(java.util.Comparator.comparing(Milestone::at));
        return out;
    }

    private static void add(List<Milestone> out, String key, Instant at) {
        if (at != null) {
            out.add(new Milestone(key, at));
        }
    }
}
