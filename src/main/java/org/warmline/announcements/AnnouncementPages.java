package org.warmline.announcements;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseForbidden;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.TopicChoice;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/**
 * The announcements' pages: {@code /announcements} (the active ones and the latest closed, for everyone signed in),
 * {@code /announcements/new} (agents and unit managers post one), {@code /announcements/{id}} (the announcement, its
 * log, the calls linked under its case and, for those who may, the forms to update and close it), the intake page's
 * fragment {@code /announcements/match} and its "按公告答复" button's {@code POST /announcements/{id}/answer}.
 */
@Controller
@RequestMapping("/announcements")
class AnnouncementPages {

    static final String VIEW_LIST = "announcements/list";
    static final String VIEW_FORM = "announcements/form";
    static final String VIEW_DETAIL = "announcements/detail";
    static final String VIEW_ANSWER = "announcements/answer";
    static final String VIEW_MATCH = "announcements/parts :: intake-match";
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    /** The most linked cases the page lists (the count says how many there are). */
    private static final int LINKED_SHOWN = 300;
    private static final int RECENT = 30;

    private final Announcements announcements;
    private final CurrentUser currentUser;
    private final CaseAccess access;
    private final CaseDesk desk;
    private final OrganizationStore organization;
    private final MessageSource messages;
    private final AnnouncementBoard board;

    AnnouncementPages(Announcements announcements, CurrentUser currentUser, CaseAccess access, CaseDesk desk,
                      OrganizationStore organization, MessageSource messages, AnnouncementBoard board) {
        this.announcements = announcements;
        this.currentUser = currentUser;
        this.access = access;
        this.desk = desk;
        this.organization = organization;
        this.messages = messages;
        this.board = board;
    }

    private Account me() {
        return currentUser.required();
    }

    @GetMapping
    String list(Model model) {
        Account me = me();
        List<Announcement> recent = announcements.recent(RECENT);
        model.addAttribute("active", recent.stream().filter(Announcement::active).toList());
        model.addAttribute("closed", recent.stream().filter(a -> !a.active()).toList());
        model.addAttribute("counts", announcements.callCounts(recent));
        model.addAttribute("mayPost", Announcements.mayPost(me));
        model.addAttribute("now", Instant.now());
        model.addAttribute("unitNames", unitNames());
        return VIEW_LIST;
    }

    @GetMapping("/new")
    String form(Model model) {
        Account me = me();
        if (!Announcements.mayPost(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        AnnouncementForm form = new AnnouncementForm();
        form.setStartedAt(input(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        if (me.role() == Role.UNIT_MANAGER) {
            form.setUnit(me.unitCode());
        }
        return formPage(form, me, model);
    }

    @PostMapping
    String post(@ModelAttribute("announcementForm") AnnouncementForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        Account me = me();
        if (!Announcements.mayPost(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            Announcement a = announcements.post(form.command(), me, Instant.now());
            redirect.addFlashAttribute("message", "announcement.posted");
            redirect.addFlashAttribute("messageArg", a.caseNo());
            return "redirect:/announcements/" + a.id();
        } catch (AnnouncementRefused refused) {
            reject(refused, result);
        } catch (CaseForbidden | TransitionRefused e) {
            result.reject("announcement.refused", new Object[] {e}, null);
        } catch (DataAccessException e) {
            result.reject("save.failed");
        }
        return formPage(form, me, model);
    }

    @GetMapping("/{id}")
    String detail(@PathVariable("id") long id, Model model) {
        Announcement a = found(id);
        AnnouncementForm update = new AnnouncementForm();
        update.setStations(a.stations());
        update.setPatterns(String.join("\n", a.patterns()));
        update.setCause(a.cause());
        update.setExpectedRestoreAt(input(a.expectedRestoreAt()));
        update.setVersion(a.version());
        CloseForm close = new CloseForm();
        close.setRestoredAt(input(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        close.setVersion(a.version());
        return detailPage(a, update, close, model);
    }

    @PostMapping("/{id}/update")
    String update(@PathVariable("id") long id, @ModelAttribute("announcementForm") AnnouncementForm form,
                  BindingResult result, Model model, RedirectAttributes redirect) {
        Announcement a = manageable(id);
        try {
            announcements.update(id, form.getVersion(), form.command(), me(), Instant.now());
            redirect.addFlashAttribute("message", "announcement.updated");
            return "redirect:/announcements/" + id;
        } catch (AnnouncementRefused refused) {
            reject(refused, result);
        } catch (DataAccessException e) {
            result.reject("save.failed");
        }
        CloseForm close = new CloseForm();
        close.setVersion(a.version());
        return detailPage(a, form, close, model);
    }

    @PostMapping("/{id}/close")
    String close(@PathVariable("id") long id, @ModelAttribute("closeForm") CloseForm form, BindingResult result,
                 Model model, RedirectAttributes redirect) {
        Announcement a = manageable(id);
        try {
            Announcements.Closing closing = announcements.close(id, form.getVersion(), form.getRestoredAt(), me(),
                    Instant.now());
            redirect.addFlashAttribute("message", "announcement.closedDone");
            redirect.addFlashAttribute("messageArg", closing.moved());
            redirect.addFlashAttribute("messageArg2", closing.left() + closing.failed());
            redirect.addFlashAttribute("closingTexts", closing.texts());
            return "redirect:/announcements/" + id;
        } catch (AnnouncementRefused refused) {
            reject(refused, result);
        } catch (DataAccessException e) {
            result.reject("save.failed");
        }
        AnnouncementForm update = new AnnouncementForm();
        update.setStations(a.stations());
        update.setPatterns(String.join("\n", a.patterns()));
        update.setCause(a.cause());
        update.setExpectedRestoreAt(input(a.expectedRestoreAt()));
        update.setVersion(a.version());
        return detailPage(a, update, form, model);
    }

    /** The intake page's fragment: the active announcements that cover the caller's address or station. */
    @GetMapping("/match")
    String match(@RequestParam(name = "address", required = false) String address,
                 @RequestParam(name = "station", required = false) String station, Model model) {
        Account me = me();
        if (!Announcements.mayAnswer(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<Announcements.Match> matches = announcements.matching(address, station);
        model.addAttribute("matches", matches);
        model.addAttribute("counts", announcements.callCounts(matches.stream().map(Announcements.Match::announcement)
                .toList()));
        model.addAttribute("unitNames", unitNames());
        model.addAttribute("now", Instant.now());
        return VIEW_MATCH;
    }

    /** 按公告答复: the intake page's fields, registered as a call answered from the announcement. */
    @PostMapping("/{id}/answer")
    String answer(@PathVariable("id") long id, @Valid @ModelAttribute("answerForm") AnswerForm form,
                  BindingResult result, Model model, RedirectAttributes redirect, Locale locale) {
        Account me = me();
        if (!Announcements.mayAnswer(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Announcement a = found(id);
        Instant now = Instant.now();
        if (form.getChannel() != Channel.HOTLINE && form.getChannel() != Channel.WALK_IN) {
            result.rejectValue("channel", "intake.channel.required");
        }
        if (form.getTopic() != null || form.getTopicOther() != null) {
            TopicChoice.problem(form.getTopic(), form.getTopicOther()).ifPresent(problem -> result.rejectValue(
                    problem == TopicChoice.Problem.REQUIRED || problem == TopicChoice.Problem.UNKNOWN ? "topic"
                            : "topicOther", problem.key()));
        }
        Instant submitted = form.getSubmittedAt() == null ? now : time(form.getSubmittedAt(), "submittedAt", result, now);
        Instant occurred = form.getOccurredAt() == null ? null : time(form.getOccurredAt(), "occurredAt", result, now);
        if (!a.active()) {
            result.reject("announcement.closed", new Object[] {id}, null);
        }
        if (result.hasErrors()) {
            return answerPage(a, form, model);
        }
        Category category = form.getCategory() == null ? Category.CONSULTATION : form.getCategory();
        String topic = form.getTopic() == null && form.getTopicOther() == null ? Topic.OUTAGE.name()
                : TopicChoice.kept(form.getTopic(), form.getTopicOther());
        String demand = form.getDemand() != null ? form.getDemand()
                : messages.getMessage("announcement.answer.demand", null, Notifications.OUTSIDE);
        RegisterCommand command = new RegisterCommand(form.getChannel(), category, false, topic,
                form.getCitizenName(), form.getCitizenPhone(), form.getAddress(), demand, occurred, submitted, null);
        try {
            Case c = announcements.answer(id, command, me, now, form.getRepeatOf());
            redirect.addFlashAttribute("message", "announcement.answered");
            redirect.addFlashAttribute("messageArg", c.caseNo());
            redirect.addFlashAttribute("messageArg2", a.caseNo());
            return "redirect:/cases/" + UriUtils.encodePathSegment(c.caseNo(), StandardCharsets.UTF_8);
        } catch (AnnouncementRefused refused) {
            reject(refused, result);
        } catch (TransitionRefused refused) {
            result.reject("intake.refused", new Object[] {messages.getMessage(refused, locale)}, null);
        } catch (DataAccessException e) {
            result.reject("save.failed");
        }
        return answerPage(a, form, model);
    }

    // ---------------------------------------------------------------------------------------------- pages

    private String formPage(AnnouncementForm form, Account me, Model model) {
        model.addAttribute("announcementForm", form);
        addUnits(me, model);
        return VIEW_FORM;
    }

    private String detailPage(Announcement a, AnnouncementForm update, CloseForm close, Model model) {
        Account me = me();
        Instant now = Instant.now();
        List<Case> linked = desk.children(a.caseId()).stream().filter(c -> access.sees(me, c))
                .sorted(Comparator.comparing(Case::submittedAt).reversed()).toList();
        model.addAttribute("a", a);
        model.addAttribute("announcementForm", update);
        model.addAttribute("closeForm", close);
        model.addAttribute("mayManage", a.active() && announcements.mayManage(me, a));
        model.addAttribute("events", announcements.events(a.id()));
        model.addAttribute("parent", desk.find(a.caseId()).filter(c -> access.sees(me, c)).orElse(null));
        model.addAttribute("linked", linked.stream().limit(LINKED_SHOWN).toList());
        model.addAttribute("linkedTotal", linked.size());
        model.addAttribute("phones", linked.stream().limit(LINKED_SHOWN)
                .collect(java.util.stream.Collectors.toMap(Case::caseNo, c -> {
                    String phone = access.phoneFor(me, c);
                    return phone == null ? "" : phone;
                })));
        model.addAttribute("calls", announcements.callCounts(List.of(a)).getOrDefault(a.id(), 0L));
        model.addAttribute("chart", board.chart(List.of(a), now));
        model.addAttribute("now", now);
        model.addAttribute("unitNames", unitNames());
        addUnits(me, model);
        return VIEW_DETAIL;
    }

    private String answerPage(Announcement a, AnswerForm form, Model model) {
        model.addAttribute("a", a);
        model.addAttribute("answerForm", form);
        model.addAttribute("channels", List.of(Channel.HOTLINE, Channel.WALK_IN));
        model.addAttribute("categories", Category.values());
        model.addAttribute("topics", Topic.values());
        model.addAttribute("unitNames", unitNames());
        return VIEW_ANSWER;
    }

    /** The stations and units the account may name (a manager: their subtree's). */
    private void addUnits(Account me, Model model) {
        List<Unit> units = organization.units();
        if (me.role() == Role.UNIT_MANAGER) {
            java.util.Set<String> mine = access.subtree(me.unitCode());
            units = units.stream().filter(u -> mine.contains(u.code())).toList();
        }
        model.addAttribute("stations", units.stream().filter(u -> u.kind() == UnitKind.STATION).toList());
        model.addAttribute("units", units);
    }

    private Map<String, String> unitNames() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        organization.units().forEach(u -> names.put(u.code(), u.name()));
        return names;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Announcement found(long id) {
        return announcements.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The announcement, for an account that may update and close it (403 otherwise, 404 when there is none). */
    private Announcement manageable(long id) {
        Announcement a = found(id);
        if (!announcements.mayManage(me(), a)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return a;
    }

    private static void reject(AnnouncementRefused refused, BindingResult result) {
        for (AnnouncementRefused.Problem p : refused.problems()) {
            if (p.field() != null && result.getTarget() != null
                    && org.springframework.beans.BeanUtils.getPropertyDescriptor(result.getTarget().getClass(),
                    p.field()) != null) {
                result.rejectValue(p.field(), p.key(), p.args(), p.key());
            } else {
                result.reject(p.key(), p.args(), p.key());
            }
        }
    }

    private String input(Instant at) {
        return at == null ? null : INPUT.format(at.atZone(announcements.zone()));
    }

    /** A time of the form as the intake reads one: from 2000 on and not in the future; null with the field's error. */
    private Instant time(String text, String field, BindingResult result, Instant now) {
        try {
            Instant at = Instants.parseWithin(text, announcements.zone(), now);
            if (!at.isAfter(now)) {
                return at;
            }
            result.rejectValue(field, "intake.time.future");
        } catch (java.time.format.DateTimeParseException e) {
            result.rejectValue(field, "intake.time.invalid");
        } catch (DateTimeException e) {
            result.rejectValue(field, "intake.time.range");
        }
        return null;
    }
}
