package org.warmline.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.TransitionFailure;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * {@code /reviews} (不满意回访复核): the cases with an UNSATISFIED evaluation under review, nearest 24 h deadline first,
 * each with its review clock and the citizen's words; an agent records the finding and carries it out at once: a
 * service problem sends the case back to handling (IN_PROGRESS, then completed and called back again), a
 * misunderstanding records the explanation given and closes the case. All of it lands on the case's history.
 */
@Controller
class ReviewController {

    static final String VIEW_REVIEWS = "evaluation/reviews";

    /** A row of the queue: the case, the phone as this agent may see it, and its running review clock (or null). */
    record Row(Case c, String phone, CaseClocks.Clock clock) {
    }

    private final EvaluationDesk evaluations;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    ReviewController(EvaluationDesk evaluations, CaseDesk desk, CaseAccess access, CurrentUser currentUser,
                     MessageSource messages) {
        this.evaluations = evaluations;
        this.desk = desk;
        this.access = access;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/reviews")
    String queue(Model model) {
        return page(me(), model);
    }

    @PostMapping("/reviews/{caseNo}")
    String resolve(@PathVariable("caseNo") String caseNo, @Valid @ModelAttribute("reviewForm") ReviewForm form,
                   BindingResult result, Model model, Locale locale, HttpServletResponse response,
                   RedirectAttributes redirect) {
        Account me = me();
        Case c = access.find(me, caseNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!CaseAccess.may(me.role(), Case.Action.REVIEW)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (!result.hasErrors() && form.getFinding() == ReviewFinding.MISUNDERSTANDING
                && form.getExplanation() == null) {
            result.rejectValue("explanation", "review.explanation.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return failed(me, c, messages.getMessage(result.getAllErrors().get(0), locale), model);
        }
        try {
            Case after = desk.resolveReview(c.id(), form.getVersion(), me, Instant.now(), form.getFinding(),
                    form.getExplanation());
            redirect.addFlashAttribute("message", "review.done." + form.getFinding().name());
            redirect.addFlashAttribute("messageArg", after.caseNo());
            return "redirect:/reviews";
        } catch (CaseChanged | TransitionRefused | CaseNotFound | DataAccessException failure) {
            TransitionFailure answer = TransitionFailure.of(failure);
            response.setStatus(answer.status().value());
            return failed(me, c, messages.getMessage(answer.reason(), locale), model);
        }
    }

    private String failed(Account me, Case c, String reason, Model model) {
        model.addAttribute("errorCase", c.caseNo());
        model.addAttribute("error", reason);
        return page(me, model);
    }

    private String page(Account me, Model model) {
        Instant now = Instant.now();
        List<EvaluationDesk.UnderReview> reviews = evaluations.reviewQueue(me, now);
        model.addAttribute("rows", reviews.stream()
                .map(r -> new Row(r.c(), access.phoneFor(me, r.c()), r.clock())).toList());
        model.addAttribute("byColour", evaluations.reviewClocks(reviews));
        model.addAttribute("canReview", CaseAccess.may(me.role(), Case.Action.REVIEW));
        model.addAttribute("findings", ReviewFinding.values());
        return VIEW_REVIEWS;
    }

    private Account me() {
        return currentUser.account().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
