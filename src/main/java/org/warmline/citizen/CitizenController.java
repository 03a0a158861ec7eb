package org.warmline.citizen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.warmline.cases.Case;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.PhoneMask;
import org.warmline.cases.IdempotencyKeyReused;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Topic;

/**
 * The citizens' pages under {@code /public} (no login; CSRF as on every form): the online submission form, the page
 * with the tracking link, the status page of a tracking link and its satisfaction survey. An unknown, altered or
 * expired link gets one and the same "link not valid" page (404), never a hint whether a case exists. The pages are
 * not cached and send no referrer, so the link does not leak to other sites.
 */
@Controller
@RequestMapping("/public")
class CitizenController {

    static final String VIEW_FORM = "citizen/form";
    static final String VIEW_SUBMITTED = "citizen/submitted";
    static final String VIEW_TRACK = "citizen/track";
    static final String VIEW_SURVEY = "citizen/survey";
    static final String VIEW_INVALID = "citizen/invalid";
    static final String VIEW_LIMIT = "citizen/limit";

    /** The channels of the public form. */
    static final List<Channel> CHANNELS = List.of(Channel.WECHAT, Channel.APP);

    /** A milestone of the status page: its message key and when it happened. */
    record Milestone(String key, Instant at) {
    }

    private final CitizenDesk citizens;

    CitizenController(CitizenDesk citizens) {
        this.citizens = citizens;
    }

    @ModelAttribute
    void privacy(HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("categories", Category.values());
        model.addAttribute("topics", Topic.values());
        model.addAttribute("levels", EvaluationLevel.values());
    }

    @GetMapping("/new")
    String form(@RequestParam(name = "channel", required = false) String channel, Model model) {
        CitizenForm form = new CitizenForm();
        CHANNELS.stream().filter(c -> c.name().equalsIgnoreCase(channel)).findFirst().ifPresent(form::setChannel);
        form.setIdempotencyKey(UUID.randomUUID().toString());
        model.addAttribute("citizenForm", form);
        return VIEW_FORM;
    }

    @PostMapping("/new")
    String submit(@Valid @ModelAttribute("citizenForm") CitizenForm form, BindingResult result,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        if (form.getChannel() != null && !CHANNELS.contains(form.getChannel())) {
            result.rejectValue("channel", "citizen.channel.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW_FORM;
        }
        CitizenDesk.Submitted submitted;
        try {
            submitted = citizens.submit(form, request.getRemoteAddr(), Instant.now());
        } catch (SubmissionLimits.LimitReached reached) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("limitKind", reached.kind().name());
            model.addAttribute("limit", reached.limit());
            return VIEW_LIMIT;
        } catch (IdempotencyKeyReused reused) {
            // the form was sent before and then changed: nothing is filed; a fresh form key files the new content
            result.reject("citizen.form.resent");
            form.setIdempotencyKey(UUID.randomUUID().toString());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return VIEW_FORM;
        } catch (TransitionRefused refused) {
            result.reject(refused.getCodes()[0], refused.getArguments(), refused.getDefaultMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW_FORM;
        }
        redirect.addFlashAttribute("caseNo", submitted.caseFiled().caseNo());
        if (submitted.created()) {
            redirect.addFlashAttribute("trackingLink", ServletUriComponentsBuilder.fromContextPath(request)
                    .path("/public/track/{token}").buildAndExpand(submitted.token()).toUriString());
        }
        return "redirect:/public/submitted";
    }

    @GetMapping("/submitted")
    String submitted(Model model) {
        if (!model.containsAttribute("caseNo")) {
            return "redirect:/public/new";
        }
        return VIEW_SUBMITTED;
    }

    @GetMapping("/track/{token}")
    String track(@PathVariable("token") String token, Model model, HttpServletResponse response) {
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, Instant.now());
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        return status(token, tracked.get(), model);
    }

    @GetMapping("/track/{token}/survey")
    String survey(@PathVariable("token") String token, Model model, HttpServletResponse response) {
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, Instant.now());
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        if (!tracked.get().surveyOpen()) {
            model.addAttribute("surveyClosed", true);
            return status(token, tracked.get(), model);
        }
        model.addAttribute("surveyForm", new SurveyForm());
        return survey(token, tracked.get(), model);
    }

    @PostMapping("/track/{token}/survey")
    String answer(@PathVariable("token") String token, @Valid @ModelAttribute("surveyForm") SurveyForm form,
                  BindingResult result, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Instant now = Instant.now();
        Optional<CitizenDesk.Tracked> tracked = citizens.track(token, now);
        if (tracked.isEmpty()) {
            return invalid(response);
        }
        Case c = tracked.get().caseFiled();
        if (citizens.asksResolution(c) && form.getResolved() == null) {
            result.rejectValue("resolved", c.complex() ? "citizen.survey.accepted.required"
                    : "citizen.survey.resolved.required");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return survey(token, tracked.get(), model);
        }
        try {
            if (citizens.answerSurvey(token, form.getLevel(), form.getComment(), form.getResolved(), now).isEmpty()) {
                return invalid(response);
            }
        } catch (TransitionRefused | CaseChanged closed) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("surveyClosed", true);
            return status(token, citizens.track(token, now).orElse(tracked.get()), model);
        }
        redirect.addFlashAttribute("thanks", true);
        return "redirect:/public/track/" + token;
    }

    private String survey(String token, CitizenDesk.Tracked tracked, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("c", tracked.caseFiled());
        model.addAttribute("asksResolution", citizens.asksResolution(tracked.caseFiled()));
        return VIEW_SURVEY;
    }

    private String status(String token, CitizenDesk.Tracked tracked, Model model) {
        Case c = tracked.caseFiled();
        model.addAttribute("token", token);
        model.addAttribute("c", c);
        model.addAttribute("phone", PhoneMask.mask(c.citizenPhone()));
        model.addAttribute("milestones", milestones(c));
        model.addAttribute("surveyOpen", tracked.surveyOpen());
        model.addAttribute("surveyed", tracked.surveyed());
        return VIEW_TRACK;
    }

    private static String invalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return VIEW_INVALID;
    }

    /** What a citizen sees of the case's progress: milestones only, no staff. */
    static List<Milestone> milestones(Case c) {
        List<Milestone> out = new ArrayList<>();
        add(out, "citizen.milestone.submitted", c.submittedAt());
        add(out, "citizen.milestone.accepted", c.acceptedAt());
        add(out, "citizen.milestone.dispatched", c.dispatchedAt());
        add(out, "citizen.milestone.contacted", c.contactedAt());
        add(out, "citizen.milestone.surveyed", c.surveyedAt());
        add(out, "citizen.milestone.solution", c.solutionAt());
        add(out, "citizen.milestone.completed", c.completedAt());
        add(out, "citizen.milestone.evaluated", c.evaluatedAt());
        add(out, "citizen.milestone.reviewed", c.reviewedAt());
        add(out, "citizen.milestone.rehandled", c.rehandledAt());
        add(out, "citizen.milestone.explained", c.explainedAt());
        add(out, "citizen.milestone.withdrawn", c.withdrawnAt());
        out.sort(java.util.Comparator.comparing(Milestone::at));
        return out;
    }

    private static void add(List<Milestone> out, String key, Instant at) {
        if (at != null) {
            out.add(new Milestone(key, at));
        }
    }
}
