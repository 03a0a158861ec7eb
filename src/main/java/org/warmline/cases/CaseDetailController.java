package org.warmline.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.Account;

/**
 * {@code /cases/{caseNo}}: every field of a case, all its running clocks, its history, and the forms of the transitions
 * this viewer may make now. Each form posts the case's version; a refused transition re-shows the case with the reason,
 * a stale version with "the case changed" and the current state. A case outside the viewer's scope is 404. The phone is
 * masked until someone who works the case reveals it (a POST, logged in the history).
 */
@Controller
@RequestMapping("/cases/{caseNo}")
class CaseDetailController {

    static final String VIEW_DETAIL = CasePageModel.VIEW_DETAIL;

    private final DeskSupport support;
    private final CaseDesk desk;
    private final PhoneReveals reveals;
    private final MessageSource messages;
    private final CasePageModel pages;

    CaseDetailController(DeskSupport support, PhoneReveals reveals, MessageSource messages, CasePageModel pages) {
        this.pages = pages;
        this.support = support;
        this.desk = support.desk();
        this.reveals = reveals;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable("caseNo") String caseNo, Model model) {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        return page(c, me, support.org(), Boolean.TRUE.equals(model.getAttribute("phoneRevealed")), model);
    }

    @PostMapping("/reveal-phone")
    String revealPhone(@PathVariable("caseNo") String caseNo, RedirectAttributes redirect) {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        if (!support.worksCase(me, c)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        reveals.record(c.id(), me, Instant.now());
        redirect.addFlashAttribute("phoneRevealed", Boolean.TRUE);
        return redirectTo(c);
    }

    @PostMapping("/do/{action}")
    String transition(@PathVariable("caseNo") String caseNo, @PathVariable("action") String path,
                      @ModelAttribute("transitionForm") TransitionForm form, Model model, RedirectAttributes redirect,
                      Locale locale, HttpServletResponse response) {
        Account me = support.me();
        Case c = support.visibleCase(caseNo, me);
        DeskAction action = DeskAction.byPath(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!action.allowedTo(me.role()) || !support.worksCase(me, c)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        DeskSupport.Org org = support.org();
        try {
            check(action, form, me);
            Case after = apply(action, c.id(), form, me, Instant.now());
            redirect.addFlashAttribute("message", "case.done");
            redirect.addFlashAttribute("messageArg", messages.getMessage(action.messageKey(), null, locale));
            return redirectTo(after);
        } catch (CaseChanged | TransitionRefused | CaseForbidden | CaseNotFound | DataAccessException failure) {
            TransitionFailure answer = TransitionFailure.of(failure);
            response.setStatus(answer.status().value());
            model.addAttribute("refusal", messages.getMessage(answer.reason(), locale));
            if (answer.changed()) {
                model.addAttribute("changed", true);
            }
        }
        Case now = support.visibleCase(caseNo, me);
        return page(now, me, org, false, model);
    }

    /**
     * What the page checks as the API does: where a dispatch or reassignment sends the case and to whom
     * ({@code CaseAccess#checkTarget}), and that a text has no control or direction character ({@link TextRules}: the
     * reason of a withdrawal is one line).
     */
    private void check(DeskAction action, TransitionForm form, Account me) {
        if (action == DeskAction.DISPATCH || action == DeskAction.REASSIGN) {
            support.access().checkTarget(me, form.getUnit(), form.getHandler());
        }
        boolean fits = action == DeskAction.WITHDRAW ? TextRules.oneLine(form.getText()) : TextRules.plain(form.getText());
        if (!fits) {
            throw new TransitionRefused("case.refused.text", "The text has control or direction characters.");
        }
    }

    private Case apply(DeskAction action, CaseId id, TransitionForm f, Account me, Instant at) {
        int v = f.versionNumber();
        return switch (action) {
            case ACCEPT -> desk.accept(id, v, me, at);
            case ANSWER -> desk.answerOnTheSpot(id, v, me, at, f.getText());
            case DISPATCH -> desk.dispatch(id, v, me, at, f.getUnit(), f.getHandler());
            case REASSIGN -> desk.reassign(id, v, me, at, f.getUnit(), f.getHandler());
            case CONTACT -> desk.contact(id, v, me, at);
            case SURVEY -> desk.survey(id, v, me, at);
            case SOLUTION -> desk.giveSolution(id, v, me, at, f.getText());
            case COMPLETE -> f.isOnSiteAccepted() ? desk.completeAccepted(id, v, me, at, f.isResolved())
                    : desk.complete(id, v, me, at, f.isResolved());
            case EVALUATE -> desk.evaluate(id, v, me, at, code(EvaluationLevel.class, f.getLevel()),
                    EvaluationChannel.PHONE, f.getText());
            case REVIEW -> desk.review(id, v, me, at, code(ReviewFinding.class, f.getFinding()));
            case REHANDLE -> desk.rehandle(id, v, me, at);
            case EXPLAIN -> desk.explain(id, v, me, at, f.getText());
            case CLOSE -> desk.close(id, v, me, at);
            case WITHDRAW -> desk.withdraw(id, v, me, at, f.getText());
            case CONFIRM -> {
                if (!"true".equals(f.getAccepted()) && !"false".equals(f.getAccepted())) {
                    throw new TransitionRefused("case.refused.acceptance-required", "Say whether the citizen accepted.");
                }
                yield desk.confirmOnSite(id, v, me, at, Boolean.parseBoolean(f.getAccepted()));
            }
        };
    }

    private static <E extends Enum<E>> E code(Class<E> type, String name) {
        return name == null ? null
                : Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private String page(Case c, Account me, DeskSupport.Org org, boolean revealed, Model model) {
        return pages.page(c, me, org, revealed, model);
    }

    static String redirectTo(Case c) {
        return "redirect:/cases/" + UriUtils.encodePathSegment(c.caseNo(), StandardCharsets.UTF_8);
    }

}
