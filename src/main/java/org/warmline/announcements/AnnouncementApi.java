package org.warmline.announcements;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.warmline.cases.Case;
import org.warmline.cases.OneLine;
import org.warmline.cases.PhoneNumber;
import org.warmline.cases.PlainText;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.TopicChoice;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Topic;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * {@code /api/announcements}: outage announcements for integrations (the CTI telephony before it routes a call, the
 * WeChat back end before it files a case): the active ones, one, those that cover an address or station; posting,
 * updating and closing them (agents; unit managers for their subtree) and registering a call answered from one
 * (agents), with the pages' rules and permissions. Errors are RFC 9457 problem details in the caller's language
 * (the API's one problem handler, {@link org.warmline.web.ApiProblem}). Times are ISO-8601 text, read in the desk's
 * zone without an offset.
 */
@RestController
@RequestMapping(path = "/api/announcements", produces = "application/json")
@Tag(name = "announcements", description = "停热公告 / outage announcements")
@SecurityRequirement(name = "bearer")
class AnnouncementApi {

    /** A station of an announcement, by code and name. */
    record StationView(String code, String name) {
    }

    /** An announcement as the API shows it; {@code restoredAt}, {@code closedAt} and {@code closedBy} null while active. */
    record AnnouncementView(long id, String state, String cause, List<StationView> stations, List<String> patterns,
                            Instant startedAt, Instant expectedRestoreAt, Instant restoredAt, String unit,
                            String caseNo, Instant postedAt, String postedBy, Instant closedAt, String closedBy,
                            long calls, int version) {
    }

    /** An active announcement that covers an address or station: why ({@code STATION}, {@code ROUTED},
     * {@code PATTERN}) and by what (the station's code or the pattern). */
    record MatchView(AnnouncementView announcement, String reason, String by) {
    }

    /** Posting or updating: the area, cause and times (update: with the version read, and an optional progress note). */
    record Posting(Integer version, List<@Size(max = 64) String> stations, List<@Size(max = 200) String> patterns,
                   @Size(max = 1000) String cause, @Size(max = 40) String startedAt,
                   @Size(max = 40) String expectedRestoreAt, @Size(max = 64) String unit,
                   @Size(max = 64) String caseNo, @Size(max = 1000) String note) {
    }

    /** Closing: the version read and when heat came back (now when absent). */
    record Closing(@NotNull Integer version, @Size(max = 40) String restoredAt) {
    }

    /** What closing did: the cases moved on to callback, those left in their queues, the texts sent. */
    record ClosingView(AnnouncementView announcement, int movedOn, int left, int alreadyDone, int texts,
                       List<String> leftCases) {
    }

    /**
     * A call answered from the announcement: the caller as the intake takes one. Category, topic and demand default to
     * a consultation about the outage, as on the page.
     */
    record Call(@NotNull Channel channel, Category category, @Size(max = 200) String topic,
                @Size(max = TopicChoice.TEXT_MAX) @OneLine String topicText, @Size(max = 100) @OneLine String citizenName,
                @NotBlank @Size(max = 40) @PhoneNumber String citizenPhone, @Size(max = 500) @OneLine String address,
                @Size(max = 4000) @PlainText String demand, @Size(max = 40) String occurredAt,
                @Size(max = 40) String submittedAt, @Size(max = 64) @OneLine String repeatOf) {
    }

    /** The case registered from a call: linked under the announcement's case, its solution given. */
    record CallView(String caseNo, String state, int version, String parentCaseNo, long announcement) {
    }

    private final Announcements announcements;
    private final CurrentUser currentUser;
    private final OrganizationStore organization;
    private final MessageSource messages;

    AnnouncementApi(Announcements announcements, CurrentUser currentUser, OrganizationStore organization,
                    MessageSource messages) {
        this.announcements = announcements;
        this.currentUser = currentUser;
        this.organization = organization;
        this.messages = messages;
    }

    @GetMapping
    @Operation(summary = "The active announcements, newest first; with all=true the latest 100, closed ones too")
    List<AnnouncementView> list(@RequestParam(name = "all", defaultValue = "false") boolean all) {
        currentUser.required();
        List<Announcement> shown = all ? announcements.recent(100) : announcements.active();
        Map<Long, Long> calls = announcements.callCounts(shown);
        return shown.stream().map(a -> view(a, calls)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One announcement")
    AnnouncementView one(@PathVariable("id") long id) {
        currentUser.required();
        Announcement a = announcements.find(id).orElseThrow(() -> new AnnouncementNotFound(id));
        return view(a, announcements.callCounts(List.of(a)));
    }

    @GetMapping("/match")
    @Operation(summary = "The active announcements that cover an address or a station (or a unit below one)")
    List<MatchView> match(@RequestParam(name = "address", required = false) String address,
                          @RequestParam(name = "station", required = false) String station) {
        currentUser.required();
        List<Announcements.Match> matches = announcements.matching(address, station);
        Map<Long, Long> calls = announcements.callCounts(matches.stream().map(Announcements.Match::announcement)
                .toList());
        return matches.stream().map(m -> new MatchView(view(m.announcement(), calls), m.reason().name(), m.by()))
                .toList();
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Posts an announcement; opens (or names, caseNo) its complex case")
    ResponseEntity<AnnouncementView> post(@Valid @RequestBody Posting body) {
        Account me = currentUser.required();
        Announcement a = announcements.post(command(body), me, Instant.now());
        return ResponseEntity.created(URI.create("/api/announcements/" + a.id()))
                .body(view(a, Map.of()));
    }

    @PostMapping(path = "/{id}/update", consumes = "application/json")
    @Operation(summary = "Updates an active announcement (cause, area, expected restore time, a progress note)")
    AnnouncementView update(@PathVariable("id") long id, @Valid @RequestBody Posting body) {
        Account me = currentUser.required();
        if (body.version() == null) {
            throw new AnnouncementRefused(List.of(new AnnouncementRefused.Problem("version",
                    "announcement.version.required")));
        }
        Announcement a = announcements.update(id, body.version(), command(body), me, Instant.now());
        return view(a, announcements.callCounts(List.of(a)));
    }

    @PostMapping(path = "/{id}/close", consumes = "application/json")
    @Operation(summary = "Closes an announcement: heat is back; its linked citizens texted, their cases on to callback")
    ClosingView close(@PathVariable("id") long id, @Valid @RequestBody Closing body) {
        Account me = currentUser.required();
        Announcements.Closing closing = announcements.close(id, body.version(), body.restoredAt(), me, Instant.now());
        Announcement a = closing.announcement();
        return new ClosingView(view(a, announcements.callCounts(List.of(a))), closing.moved(),
                closing.left() + closing.failed(), closing.alreadyDone(), closing.texts(), closing.leftCases());
    }

    @PostMapping(path = "/{id}/calls", consumes = "application/json")
    @Operation(summary = "Registers a call answered from the announcement, linked under its case (agents)")
    ResponseEntity<CallView> call(@PathVariable("id") long id, @Valid @RequestBody Call body) {
        Account me = currentUser.required();
        Announcement a = announcements.find(id).orElseThrow(() -> new AnnouncementNotFound(id));
        Instant now = Instant.now();
        List<AnnouncementRefused.Problem> problems = new java.util.ArrayList<>();
        if (body.topic() != null || body.topicText() != null) {
            TopicChoice.problem(body.topic(), body.topicText()).ifPresent(p -> problems.add(
                    new AnnouncementRefused.Problem(p == TopicChoice.Problem.REQUIRED
                            || p == TopicChoice.Problem.UNKNOWN ? "topic" : "topicText", p.key())));
        }
        Instant submitted = body.submittedAt() == null ? now : past(body.submittedAt(), "submittedAt", problems, now);
        Instant occurred = body.occurredAt() == null ? null : past(body.occurredAt(), "occurredAt", problems, now);
        if (!problems.isEmpty()) {
            throw new AnnouncementRefused(problems);
        }
        String topic = body.topic() == null && body.topicText() == null ? Topic.OUTAGE.name()
                : TopicChoice.kept(body.topic(), body.topicText());
        String demand = body.demand() != null && !body.demand().isBlank() ? body.demand()
                : messages.getMessage("announcement.answer.demand", null, Notifications.OUTSIDE);
        RegisterCommand command = new RegisterCommand(body.channel(),
                body.category() == null ? Category.CONSULTATION : body.category(), false, topic, body.citizenName(),
                body.citizenPhone(), body.address(), demand, occurred, submitted, null);
        Case c = announcements.answer(id, command, me, now, body.repeatOf());
        return ResponseEntity.created(URI.create("/api/cases/" + c.caseNo()))
                .body(new CallView(c.caseNo(), c.state().name(), c.version(), a.caseNo(), a.id()));
    }

    private static Announcements.Command command(Posting body) {
        return new Announcements.Command(body.stations(), body.patterns(), body.cause(), body.startedAt(),
                body.expectedRestoreAt(), body.unit(), body.caseNo(), body.note());
    }

    /** A time of the call: ISO-8601, from 2000 on and not in the future; null with a problem otherwise. */
    private Instant past(String text, String field, List<AnnouncementRefused.Problem> problems, Instant now) {
        try {
            Instant at = Instants.parseWithin(text, announcements.zone(), now);
            if (!at.isAfter(now)) {
                return at;
            }
            problems.add(new AnnouncementRefused.Problem(field, "intake.time.future"));
        } catch (DateTimeException e) {
            problems.add(new AnnouncementRefused.Problem(field, "announcement.time.invalid", text));
        }
        return null;
    }

    private AnnouncementView view(Announcement a, Map<Long, Long> calls) {
        Map<String, String> names = new java.util.HashMap<>();
        organization.units().forEach(u -> names.put(u.code(), u.name()));
        return new AnnouncementView(a.id(), a.state().name(), a.cause(),
                a.stations().stream().map(s -> new StationView(s, names.getOrDefault(s, s))).toList(), a.patterns(),
                a.startedAt(), a.expectedRestoreAt(), a.restoredAt(), a.unit(), a.caseNo(), a.postedAt(),
                a.postedBy(), a.closedAt(), a.closedBy(), calls.getOrDefault(a.id(), 0L), a.version());
    }
}
