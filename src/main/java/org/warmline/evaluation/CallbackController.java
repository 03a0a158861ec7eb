package org.warmline.evaluation;

import java.time.Duration;
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
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.TransitionFailure;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * {@code /callbacks} (回访): the completed cases waiting for a callback, longest waiting first, with how long each has
 * waited and the month's PHONE / ONLINE mix against the target; an agent records each callback's level and the
 * citizen's own words (PHONE evaluation) on the version of the case they saw. An UNSATISFIED answer puts the case
 * under review ({@code /reviews}).
 */
@Controller
class CallbackController {

    static final String VIEW_CALLBACKS = "evaluation/callbacks";

    /**
     * A row of the queue: the case, the phone as this agent may see it, since when and how long it has waited, its
     * attempts that did not reach the citizen, when the next callback is due (and whether now), and whether the
     * callback asks if the problem was resolved (for a complex case: whether the rectification is accepted).
     */
    record Row(Case c, String phone, Instant since, Duration waited, List<CallbackAttempts.Attempt> attempts,
               Instant nextDue, boolean due, boolean asksResolution) {
    }

    private final EvaluationDesk evaluations;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final CallbackAttempts attempts;
    private final java.time.ZoneId zone;

    CallbackController(EvaluationDesk evaluations, CaseDesk desk, CaseAccess access, CurrentUser currentUser,
                       MessageSource messages, CallbackAttempts attempts) {
        this.attempts = attempts;
        this.zone = evaluations.zone();
        this.evaluations = evaluations;
        this.desk = desk;
        this.access = access;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/callbacks")
    String queue(@org.springframework.web.bind.annotation.RequestParam(name = "period", required = false) String period,
                 Model model) {
        if (period != null && !period.isBlank()) {
            java.util.Optional<org.warmline.calendar.Period> chosen = evaluations.period(period.trim());
            if (chosen.isEmpty()) {
                model.addAttribute("periodInvalid", period.length() > 20 ? period.substring(0, 20) : period);
            }
            chosen.ifPresent(p -> model.addAttribute("period", p));
        }
        return page(me(), model);
    }

    @PostMapping("/callbacks/{caseNo}")
    String record(@PathVariable("caseNo") String caseNo, @Valid @ModelAttribute("callbackForm") CallbackForm form,
                  BindingResult result, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Account me = me();
        Case c = access.find(me, caseNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!CaseAccess.may(me.role(), Case.Action.EVALUATE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        boolean asks = desk.asksResolution(c);
        if (!result.hasErrors() && asks && form.getResolved() == null) {
            result.reject(c.complex() ? "callback.accepted.required" : "callback.resolved.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return failed(me, c, messages.getMessage(result.getAllErrors().get(0), locale), model);
        }
        try {
            Case after = desk.evaluate(c.id(), form.getVersion(), me, Instant.now(), form.getLevel(),
                    EvaluationChannel.PHONE, form.getWords(), asks ? form.getResolved() : null);
            redirect.addFlashAttribute("message", after.evaluation() == EvaluationLevel.UNSATISFIED
                    ? "callback.recordedUnsatisfied" : "callback.recorded");
            redirect.addFlashAttribute("messageArg", after.caseNo());
            return "redirect:/callbacks";
        } catch (CaseChanged | TransitionRefused | CaseNotFound | DataAccessException failure) {
            TransitionFailure answer = TransitionFailure.of(failure);
            response.setStatus(answer.status().value());
            return failed(me, c, messages.getMessage(answer.reason(), locale), model);
        }
    }

    /** A callback that did not reach the citizen: recorded with its outcome and time (default now). */
    @PostMapping("/callbacks/{caseNo}/attempt")
    String attempt(@PathVariable("caseNo") String caseNo, @Valid @ModelAttribute("attemptForm") AttemptForm form,
                   BindingResult result, Model model, Locale locale, HttpServletResponse response,
                   RedirectAttributes redirect) {
        Account me = me();
        Case c = access.find(me, caseNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!CaseAccess.may(me.role(), Case.Action.EVALUATE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Instant now = Instant.now();
        Instant at = now;
        if (!result.hasErrors() && form.getAt() != null) {
            try {
                at = java.time.LocalDateTime.parse(form.getAt()).atZone(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                result.rejectValue("at", "callback.time.invalid");
            }
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return failed(me, c, messages.getMessage(result.getAllErrors().get(0), locale), model);
        }
        try {
            CallbackAttempts.Round round = attempts.record(c.id(), form.getVersion(), me, at, form.getOutcome(), now);
            redirect.addFlashAttribute("message", round.exhausted() ? "callback.attemptExhausted"
                    : "callback.attemptRecorded");
            redirect.addFlashAttribute("messageArg", c.caseNo());
            redirect.addFlashAttribute("messageArg2", round.attempts().size());
            return "redirect:/callbacks";
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
        List<Row> rows = evaluations.callbackQueue(me, now).stream()
                .map(w -> new Row(w.c(), access.phoneFor(me, w.c()), w.since(), w.waited(), w.attempts(), w.nextDue(),
                        w.dueAt(now), desk.asksResolution(w.c()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("outcomes", CallbackOutcome.values());
        model.addAttribute("maxAttempts", attempts.maxAttempts());
        model.addAttribute("givenUp", evaluations.callbacksGivenUp(me));
        model.addAttribute("capped", rows.size() >= EvaluationDesk.CAP);
        org.warmline.calendar.Period period = model.getAttribute("period") instanceof org.warmline.calendar.Period p ? p
                : evaluations.currentPeriod(now);
        model.addAttribute("mix", evaluations.mix(me, period));
        model.addAttribute("canRecord", CaseAccess.may(me.role(), Case.Action.EVALUATE));
        model.addAttribute("levels", EvaluationLevel.values());
        return VIEW_CALLBACKS;
    }

    private Account me() {
        return currentUser.account().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
