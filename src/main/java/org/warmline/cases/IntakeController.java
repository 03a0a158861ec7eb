package org.warmline.cases;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.RoutingRules;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * {@code /cases/new}: the agent's one-screen intake of a hotline or walk-in case. Typing the phone shows the caller's
 * earlier cases and flags a likely repeat complaint ({@code /cases/new/caller}, an htmx fragment); typing the address or
 * choosing the station proposes the unit and steward by the routing rules ({@code /cases/new/routing}), which the agent
 * may override. Saving registers (and accepts) the case, dispatches it when a unit is chosen, and shows the case.
 */
@Controller
@RequestMapping("/cases/new")
class IntakeController {

    static final String VIEW_INTAKE = "cases/intake";
    static final String VIEW_CALLER = "cases/intake :: caller";
    static final String VIEW_ROUTING = "cases/intake :: routing";

    private static final Duration RECENT = Duration.ofDays(30);
    private static final int EARLIER_SHOWN = 20;

    private final DeskSupport support;
    private final CaseDesk desk;
    private final RoutingRules routing;
    private final MessageSource messages;

    IntakeController(DeskSupport support, RoutingRules routing, MessageSource messages) {
        this.support = support;
        this.desk = support.desk();
        this.routing = routing;
        this.messages = messages;
    }

    @ModelAttribute("channels")
    List<Channel> channels() {
        return List.of(Channel.HOTLINE, Channel.WALK_IN);
    }

    @ModelAttribute("categories")
    Category[] categories() {
        return Category.values();
    }

    @ModelAttribute("topics")
    Topic[] topics() {
        return Topic.values();
    }

    private Account agent() {
        Account me = support.me();
        if (!org.warmline.cases.CaseAccess.may(me.role(), org.warmline.cases.Case.Action.REGISTER)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return me;
    }

    @GetMapping
    String form(Model model) {
        agent();
        IntakeForm form = new IntakeForm();
        form.setSubmittedAt(support.format().input(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        return page(form, model);
    }

    /** The caller's earlier cases (last 30 days first) and a likely repeat complaint, before the case is saved. */
    @GetMapping("/caller")
    String caller(@RequestParam(name = "citizenPhone", required = false) String phone,
                  @RequestParam(name = "topic", required = false) String topic,
                  @RequestParam(name = "topicOther", required = false) String topicOther, Model model) {
        agent();
        callerPanel(phone, topic, topicOther, model);
        return VIEW_CALLER;
    }

    /** The unit and steward the routing rules propose for the address or station, pre-selected and overridable. */
    @GetMapping("/routing")
    String routing(@RequestParam(name = "address", required = false) String address,
                   @RequestParam(name = "station", required = false) String station,
                   @RequestParam(name = "unit", required = false) String unit,
                   @RequestParam(name = "handler", required = false) String handler, Model model) {
        agent();
        IntakeForm form = new IntakeForm();
        form.setUnit(unit);
        form.setHandler(handler);
        String a = address == null || address.length() > 500 ? null : address;
        String s = station == null || station.length() > 64 ? null : station;
        routing.propose(a, s == null || s.isBlank() ? null : s.trim()).ifPresent(proposal -> {
            form.setUnit(proposal.unitCode());
            form.setHandler(proposal.stewardCode());
            model.addAttribute("proposal", proposal);
        });
        model.addAttribute("intakeForm", form);
        addOrganisation(model);
        return VIEW_ROUTING;
    }

    @PostMapping
    String save(@Valid @ModelAttribute("intakeForm") IntakeForm form, BindingResult result, Model model,
                RedirectAttributes redirect, Locale locale) {
        Account me = agent();
        Instant now = Instant.now();
        Instant submitted = now;
        Instant occurred = null;
        if (form.getSubmittedAt() != null && !result.hasFieldErrors("submittedAt")) {
            submitted = time(form.getSubmittedAt(), "submittedAt", result, now);
        }
        if (form.getOccurredAt() != null && !result.hasFieldErrors("occurredAt")) {
            occurred = time(form.getOccurredAt(), "occurredAt", result, now);
        }
        DeskSupport.Org org = support.org();
        if (form.getUnit() != null && !org.units().containsKey(form.getUnit())) {
            result.rejectValue("unit", "intake.unit.unknown");
        }
        TopicChoice.problem(form.getTopic(), form.getTopicOther()).ifPresent(problem -> result.rejectValue(
                problem == TopicChoice.Problem.REQUIRED || problem == TopicChoice.Problem.UNKNOWN ? "topic"
                        : "topicOther", problem.key()));
        if (form.getHandler() != null && form.getUnit() == null) {
            result.rejectValue("unit", "validation.unit.required");
        } else if (form.getUnit() != null && !result.hasFieldErrors("unit")) {
            support.stewards().refusal(form.getUnit(), form.getHandler()).ifPresent(refusal -> result.rejectValue(
                    "handler", "steward.refused." + refusal.name(), new Object[] {form.getHandler(), form.getUnit()},
                    null));
        }
        if (result.hasErrors()) {
            return page(form, model);
        }
        RegisterCommand command = new RegisterCommand(form.getChannel(), form.getCategory(), form.isComplex(),
                TopicChoice.kept(form.getTopic(), form.getTopicOther()), form.getCitizenName(), form.getCitizenPhone(), form.getAddress(), form.getDemand(),
                occurred, submitted, null);
        Case saved;
        try {
            saved = desk.registerByAgent(command, me, now, form.getRepeatOf());
        } catch (org.warmline.cases.CaseNotFound unknown) {
            result.reject("intake.repeat.unknown");
            return page(form, model);
        } catch (TransitionRefused refused) {
            result.reject("intake.refused", new Object[] {messages.getMessage(refused, locale)}, null);
            return page(form, model);
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(form, model);
        }
        redirect.addFlashAttribute("message", "intake.saved");
        redirect.addFlashAttribute("messageArg", saved.caseNo());
        if (form.getUnit() != null) {
            try {
                desk.dispatch(saved.id(), saved.version(), me, Instant.now(), form.getUnit(), form.getHandler());
                redirect.addFlashAttribute("message", "intake.savedAndDispatched");
                redirect.addFlashAttribute("messageArg2", org.unitName(form.getUnit()));
            } catch (RuntimeException e) {
                redirect.addFlashAttribute("failure", "intake.dispatchFailed");
                redirect.addFlashAttribute("failureArg", saved.caseNo());
            }
        }
        return "redirect:/cases/" + UriUtils.encodePathSegment(saved.caseNo(), StandardCharsets.UTF_8);
    }

    /**
     * A time of the form as the API reads one ({@link Instants#parseWithin}: from 2000 on), and not in the future; null
     * with the field's error otherwise.
     */
    private Instant time(String text, String field, BindingResult result, Instant now) {
        try {
            Instant at = Instants.parseWithin(text, support.format().zone(), now);
            if (!at.isAfter(now)) {
                return at;
            }
            result.rejectValue(field, "intake.time.future");
        } catch (DateTimeParseException e) {
            result.rejectValue(field, "intake.time.invalid");
        } catch (DateTimeException e) {
            result.rejectValue(field, "intake.time.range");
        }
        return null;
    }

    /** The caller panel: the caller's earlier cases and a likely repeat complaint of the same topic. */
    private void callerPanel(String phone, String topic, String topicOther, Model model) {
        Instant now = Instant.now();
        String p = phone == null ? "" : phone.trim();
        List<Case> earlier = p.length() < 3 || p.length() > 40 ? List.of() : desk.earlierCases(p, now);
        Optional<Case> repeat = p.length() < 3 || p.length() > 40 || TopicChoice.problem(topic, topicOther).isPresent()
                ? Optional.empty() : desk.likelyRepeat(p, TopicChoice.kept(topic, topicOther), now);
        model.addAttribute("lookedUp", !p.isEmpty());
        model.addAttribute("earlier", earlier.stream().limit(EARLIER_SHOWN).toList());
        model.addAttribute("earlierTotal", earlier.size());
        model.addAttribute("recentFrom", now.minus(RECENT));
        model.addAttribute("repeat", repeat.orElse(null));
    }

    private String page(IntakeForm form, Model model) {
        model.addAttribute("intakeForm", form);
        if (form.getCitizenPhone() != null) {
            // shown again after a refusal, with the repeat link as the agent ticked it
            callerPanel(form.getCitizenPhone(), form.getTopic(), form.getTopicOther(), model);
        }
        addOrganisation(model);
        DeskSupport.Org org = support.org();
        model.addAttribute("stations", org.units().values().stream()
                .filter(u -> u.kind() == UnitKind.STATION || u.kind() == UnitKind.AREA).toList());
        return VIEW_INTAKE;
    }

    private void addOrganisation(Model model) {
        DeskSupport.Org org = support.org();
        List<Unit> units = List.copyOf(org.units().values());
        model.addAttribute("units", units);
        model.addAttribute("staff", support.stewards().all());
    }
}
