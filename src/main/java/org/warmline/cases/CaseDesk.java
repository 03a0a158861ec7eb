package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;
import org.warmline.assessment.PhoneNumbers;
import org.warmline.organization.RoutingRules;
import org.warmline.security.Account;

/**
 * The petition desk (docs/desk.md): registers cases and applies their transitions. Each transition loads the case,
 * checks that it still has the version the user saw (else {@link CaseChanged}), applies the guarded transition (else
 * {@link TransitionRefused}), saves it with optimistic locking, appends its history and publishes its
 * {@link CaseEvent}s, all in one transaction. The actor is the account's staff code, or its user name without one.
 * Permissions and data scope are the caller's (the web layer's) business.
 */
@Service
public class CaseDesk {

    /** The actor of an online submission. */
    public static final String CITIZEN = "citizen";
    /** The actor of a 12345 transfer. */
    public static final String GOV_PLATFORM = "12345";

    private static final Duration EARLIER_WINDOW = Duration.ofDays(30);
    private static final int EARLIER_LIMIT = 200;

    /** The actor of what the desk does by itself (closing, settling a resolution). */
    public static final String SYSTEM = "system";

    private final CaseRepository cases;
    private final CaseClocks clocks;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ResolutionRules resolutions;
    private final RoutingRules routing;
    private final CaseWorkLog work;

    /**
     * A desk with the default resolution rules and no routing (tests, tools), whose notes and contact log are kept in
     * the repository's database.
     */
    public CaseDesk(CaseRepository cases, CaseClocks clocks, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events) {
        this(cases, clocks, transactions, events, ResolutionRules.defaults(), null, new CaseWorkLog(cases.jdbc()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CaseDesk(CaseRepository cases, CaseClocks clocks, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events, ResolutionRules resolutions, RoutingRules routing,
                    CaseWorkLog work) {
        this.work = work;
        this.cases = cases;
        this.clocks = clocks;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.resolutions = resolutions;
        this.routing = routing;
    }

    /** How the desk establishes resolutions (scheme 2.3). */
    public ResolutionRules resolutionRules() {
        return resolutions;
    }

    /** The actor recorded for an account: its staff code, or its user name when it has none. */
    public static String actor(Account account) {
        return account.staffCode() != null && !account.staffCode().isBlank() ? account.staffCode()
                : account.username();
    }

    // ---------------------------------------------------------------------------------------------- intake

    /**
     * A hotline or walk-in case typed in by an agent: submitted at the given instant, recorded at {@code now}, and
     * accepted by the agent at {@code now}.
     */
    public Case registerByAgent(RegisterCommand command, Account agent, Instant now) {
        return registerByAgent(command, agent, now, null);
    }

    /**
     * As {@link #registerByAgent(RegisterCommand, Account, Instant)}, linking the new case to the earlier case it
     * repeats (the intake's repeat warning) when {@code repeatOf} names one.
     *
     * @throws CaseNotFound when {@code repeatOf} names no case
     */
    public Case registerByAgent(RegisterCommand command, Account agent, Instant now, String repeatOf) {
        if (command.channel() != Channel.HOTLINE && command.channel() != Channel.WALK_IN) {
            throw new TransitionRefused("case.refused.channel",
                    "An agent registers hotline and walk-in cases only.", String.valueOf(command.channel()));
        }
        if (command.submittedAt() == null || command.submittedAt().isAfter(now)) {
            throw new TransitionRefused("case.refused.submitted-at",
                    "The submission time must be given and not in the future.");
        }
        String actor = actor(agent);
        Case earlier = repeatOf == null || repeatOf.isBlank() ? null
                : cases.findByCaseNo(repeatOf.trim()).orElseThrow(() -> new CaseNotFound(repeatOf.trim()));
        return transaction.execute(status -> {
            Case c = cases.insert(Case.submitted(command.intake(), now, null, null));
            c.registered(actor, now);
            c.accept(actor, now);
            if (earlier != null) {
                c.relateTo(earlier, true, actor, now);
            }
            cases.update(c);
            flush(c);
            followUps(c, actor, now);
            return c;
        });
    }

    /**
     * A new case that follows up a consultation of the same citizen (phone) on the same topic within the follow-up
     * window after its answer: the consultation is not resolved, and the new case is linked to it (the latest, when
     * several are pending). Run in the registration's transaction.
     */
    private void followUps(Case c, String actor, Instant now) {
        String phone = PhoneNumbers.normalize(c.citizenPhone());
        if (phone == null || c.topic() == null) {
            return;
        }
        Instant from = c.submittedAt().minus(resolutions.followUpWindow());
        List<Case> earlier = cases.completedBetween(phone, c.topic(), from, c.submittedAt()).stream()
                .filter(e -> !e.id().equals(c.id()))
                .filter(e -> resolutions.ruleOf(e) == Resolution.Rule.NO_FOLLOW_UP)
                .toList();
        Case latest = null;
        for (Case e : earlier) {
            if (e.followedUp(c, actor, now)) {
                cases.update(e);
                flush(e);
                latest = e;
            }
        }
        if (latest != null && c.relateTo(latest, false, actor, now)) {
            cases.update(c);
            flush(c);
        }
    }

    /**
     * The idempotency key of an account's online submission as the desk keeps it: scoped to that account, so that one
     * integration's key never finds another's case.
     */
    public static String scopedKey(Account account, String key) {
        return "account:" + account.id() + ":" + key.trim();
    }

    /**
     * A case submitted online (WECHAT, APP) or transferred from 12345 (GOV_HOTLINE, with its ticket). The same
     * idempotency key twice with the same content returns the case made the first time, unchanged; with other content
     * it is refused ({@link IdempotencyKeyReused}).
     */
    public Case registerOnline(OnlineCommand command, Instant now) {
        return submitOnline(command, now).caseFiled();
    }

    /** What an online submission gave: the case, and whether it was made now (false: the key was seen before). */
    public record OnlineIntake(Case caseFiled, boolean created) {
    }

    /**
     * The case an online submission with the command's idempotency key made before, if any.
     *
     * @throws IdempotencyKeyReused when that submission held other content than the command
     */
    public Optional<Case> findSubmitted(OnlineCommand command) {
        Optional<Case> first = cases.findByIdempotencyKey(command.idempotencyKey().trim());
        first.ifPresent(c -> {
            if (c.idempotencyFingerprint != null && !c.idempotencyFingerprint.equals(fingerprint(command))) {
                throw new IdempotencyKeyReused(c.caseNo());
            }
        });
        return first;
    }

    /**
     * As {@link #registerOnline}, telling whether the case was made now or found by its idempotency key.
     *
     * @throws IdempotencyKeyReused when the key was used before for other content
     */
    public OnlineIntake submitOnline(OnlineCommand command, Instant now) {
        Objects.requireNonNull(command.idempotencyKey(), "idempotencyKey");
        if (command.idempotencyKey().isBlank()) {
            throw new IllegalArgumentException("an online submission needs an idempotency key");
        }
        Set<Channel> online = Set.of(Channel.WECHAT, Channel.APP, Channel.GOV_HOTLINE);
        if (!online.contains(command.channel())) {
            throw new TransitionRefused("case.refused.channel",
                    "Online submissions come by WeChat, the app or the 12345 platform only.",
                    String.valueOf(command.channel()));
        }
        if (command.channel() == Channel.GOV_HOTLINE
                && (command.externalTicket() == null || command.externalTicket().isBlank())) {
            throw new TransitionRefused("case.refused.ticket-required", "A 12345 transfer needs its ticket number.");
        }
        String key = command.idempotencyKey().trim();
        String actor = command.channel() == Channel.GOV_HOTLINE ? GOV_PLATFORM : CITIZEN;
        Instant submitted = command.submittedAt() == null ? now : command.submittedAt();
        CaseIntake intake = new CaseIntake(command.channel(), command.category(), command.complex(), command.topic(),
                command.citizenName(), command.citizenPhone(), command.address(), command.demand(),
                command.occurredAt(), submitted, null);
        // No look-up first: the key's unique constraint tells a repeat. The case, its number and its registration line
        // are one statement on PostgreSQL, committed when it returns (no transaction of our own around it).
        Case c = Case.submitted(intake, now, command.externalTicket(), key);
        c.idempotencyFingerprint = fingerprint(command);
        c.registered(actor, now);
        if (routing != null) {
            routing.propose(c.address(), null).ifPresent(p -> c.routed(p.unitCode(), p.stewardCode(), p.ruleId()));
        }
        try {
            cases.insertWithHistory(c);
        } catch (DuplicateKeyException seen) {
            return new OnlineIntake(findSubmitted(command).orElseThrow(() -> seen), false);
        }
        // a follow-up of a consultation is found when its window is settled (settleFollowUpWindows): the online
        // intake stays one statement
        c.drainEvents().forEach(events::publishEvent);
        return new OnlineIntake(c, true);
    }

    /**
     * What an online submission held, as the SHA-256 (hex) of its fields as sent — not of what the desk made of them
     * (a missing submission time stays missing) — so that the same submission sent again has the same fingerprint.
     */
    static String fingerprint(OnlineCommand command) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : new Object[] {command.channel(), command.externalTicket(), command.category(),
                command.complex(), command.topic(), command.citizenName(), command.citizenPhone(), command.address(),
                command.demand(), command.occurredAt(), command.submittedAt()}) {
            String text = field == null ? null : field.toString();
            canonical.append(text == null ? "-" : text.length() + ":" + text).append('|');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** The citizen's cases up to {@code now}, newest first (so the last 30 days come first). */
    public List<Case> earlierCases(String phone, Instant now) {
        return cases.byPhone(phone, now, EARLIER_LIMIT);
    }

    /** The citizen's cases of the last 30 days up to {@code now}, newest first. */
    public List<Case> recentCases(String phone, Instant now) {
        Instant from = now.minus(EARLIER_WINDOW);
        return earlierCases(phone, now).stream().filter(c -> !c.submittedAt().isBefore(from)).toList();
    }

    /**
     * The latest earlier COMPLAINT of the same citizen (phone compared normalised) on the same topic within the repeat
     * window of docs/assessment.md 2.4 (30 × 24 h, whole seconds) before {@code now}: a new complaint submitted at
     * {@code now} would be a repeat of it.
     */
    public Optional<Case> likelyRepeat(String phone, String topic, Instant now) {
        String wanted = Topic.normalize(topic);
        if (wanted == null) {
            return Optional.empty();
        }
        long window = clocks.schemeAt(now).items().repeat().window().toSeconds();
        return earlierCases(phone, now).stream()
                .filter(c -> c.category() == Category.COMPLAINT && wanted.equals(c.topic()))
                .filter(c -> c.submittedAt().isBefore(now))
                .filter(c -> Duration.between(c.submittedAt(), now).toSeconds() <= window)
                .filter(c -> c.state() != CaseState.WITHDRAWN)
                .findFirst();
    }

    // ---------------------------------------------------------------------------------------------- reading

    public Optional<Case> find(CaseId id) {
        return cases.findById(id);
    }

    public Optional<Case> findByCaseNo(String caseNo) {
        return cases.findByCaseNo(caseNo);
    }

    /** The cases with these numbers (withdrawn ones included), by number. */
    public java.util.Map<String, Case> findByCaseNos(java.util.Collection<String> caseNos) {
        return cases.findByCaseNos(caseNos);
    }

    public List<HistoryEntry> history(CaseId id) {
        return cases.history(id);
    }

    public CasePage search(CaseQuery query) {
        return cases.search(query);
    }

    /** The cases of the query by their worst clock's colour at {@code now}, exactly. */
    public CaseRepository.ClockCounts clockCounts(CaseQuery query, Instant now) {
        return cases.clockCounts(query, now);
    }

    /** The cases of the query by state and worst clock colour at {@code now}, exactly. */
    public java.util.Map<CaseState, CaseRepository.ClockCounts> clockCountsByState(CaseQuery query, Instant now) {
        return cases.clockCountsByState(query, now);
    }

    /** The cases of the query by unit, channel or state (only the late ones: with a red clock at {@code now}). */
    public java.util.Map<String, Long> countBy(CaseQuery query, String column, boolean lateOnly, Instant now) {
        return cases.countBy(query, column, lateOnly, now);
    }

    /** How many cases match the query (and the condition), exactly: see {@link CaseRepository#countExactly}. */
    public long countExactly(CaseQuery query, String condition, Object... conditionParams) {
        return cases.countExactly(query, condition, conditionParams);
    }

    public CaseClocks.Reading clocks(Case c, Instant now) {
        return clocks.at(c, now);
    }

    // ---------------------------------------------------------------------------------------------- transitions

    public Case accept(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.accept(actor(by), at));
    }

    public Case answerOnTheSpot(CaseId id, int version, Account by, Instant at, String solution) {
        return apply(id, version, c -> c.answerOnTheSpot(actor(by), at, solution));
    }

    public Case dispatch(CaseId id, int version, Account by, Instant at, String unit, String handler) {
        return apply(id, version, c -> c.dispatch(actor(by), at, unit, handler));
    }

    public Case reassign(CaseId id, int version, Account by, Instant at, String unit, String handler) {
        return apply(id, version, c -> c.reassign(actor(by), at, unit, handler));
    }

    public Case contact(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.contact(actor(by), at));
    }

    public Case survey(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.survey(actor(by), at));
    }

    public Case giveSolution(CaseId id, int version, Account by, Instant at, String text) {
        return apply(id, version, c -> c.giveSolution(actor(by), at, text));
    }

    /** 办结, with the handler's own view whether the problem was resolved (shown; the resolution is the citizen's). */
    public Case complete(CaseId id, int version, Account by, Instant at, boolean handlerView) {
        return apply(id, version, c -> c.complete(actor(by), at, handlerView));
    }

    /**
     * 办结 with the citizen's on-site acceptance (现场验收) of a complex case's rectification: completed and resolved.
     * Refused for a case that is not complex.
     */
    public Case completeAccepted(CaseId id, int version, Account by, Instant at, boolean handlerView) {
        return apply(id, version, c -> c.completeAccepted(actor(by), at, handlerView, resolutions.ruleOf(c)));
    }

    /**
     * The citizen's acceptance (or refusal) of a complex case's rectification recorded on site after completion
     * ({@link Resolution.Source#ON_SITE}).
     */
    public Case confirmOnSite(CaseId id, int version, Account by, Instant at, boolean accepted) {
        return apply(id, version, c -> c.confirmResolution(actor(by), at, accepted, Resolution.Source.ON_SITE,
                resolutions.ruleOf(c)));
    }

    /** An evaluation recorded by an agent's callback (PHONE) or for the citizen's online survey (ONLINE). */
    public Case evaluate(CaseId id, int version, Account by, Instant at, EvaluationLevel level,
                         EvaluationChannel channel, String comment) {
        return evaluate(id, version, by, at, level, channel, comment, null);
    }

    /**
     * An evaluation with the citizen's answer to "问题是否已解决" (or, for a complex case, whether they accept the
     * rectification), in one transaction. Without an answer (null) the resolution stays as it is (pending); an answer for
     * a case judged by the follow-up window (consultations) is refused. The callback form and the survey ask it
     * whenever {@link #asksResolution} says so.
     */
    public Case evaluate(CaseId id, int version, Account by, Instant at, EvaluationLevel level,
                         EvaluationChannel channel, String comment, Boolean resolvedAnswer) {
        String actor = actor(by);
        Resolution.Source source = channel == EvaluationChannel.ONLINE ? Resolution.Source.SURVEY
                : Resolution.Source.CALLBACK;
        return apply(id, version, c -> evaluateAndConfirm(c, actor, at, level, channel, comment, resolvedAnswer,
                source));
    }

    /** The citizen's own answer to the online survey (actor {@code citizen}, channel ONLINE). */
    public Case evaluateOnline(CaseId id, int version, Instant at, EvaluationLevel level, String comment) {
        return evaluateOnline(id, version, at, level, comment, null);
    }

    /** The citizen's own answer to the online survey with their answer to "问题是否已解决" (see {@link #evaluate}). */
    public Case evaluateOnline(CaseId id, int version, Instant at, EvaluationLevel level, String comment,
                               Boolean resolvedAnswer) {
        return apply(id, version, c -> evaluateAndConfirm(c, CITIZEN, at, level, EvaluationChannel.ONLINE, comment,
                resolvedAnswer, Resolution.Source.SURVEY));
    }

    /** Whether the callback and the survey ask the citizen whether the problem was resolved (or accepted). */
    public boolean asksResolution(Case c) {
        return resolutions.ruleOf(c) != Resolution.Rule.NO_FOLLOW_UP;
    }

    private void evaluateAndConfirm(Case c, String actor, Instant at, EvaluationLevel level, EvaluationChannel channel,
                                    String comment, Boolean answer, Resolution.Source source) {
        Resolution.Rule rule = resolutions.ruleOf(c);
        c.evaluate(actor, at, level, channel, comment);
        if (answer != null) {
            if (rule == Resolution.Rule.NO_FOLLOW_UP) {
                throw new TransitionRefused("case.refused.resolution-follow-up",
                        "A consultation's resolution follows from the follow-up window; it is not asked.");
            }
            c.confirmResolution(actor, at, answer, source, rule);
        }
    }

    public Case review(CaseId id, int version, Account by, Instant at, ReviewFinding finding) {
        return apply(id, version, c -> c.review(actor(by), at, finding));
    }

    public Case rehandle(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.rehandle(actor(by), at));
    }

    public Case explain(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.explain(actor(by), at));
    }

    /**
     * 不满意回访复核, in one transaction: records the review finding (unless the case was already reviewed with it) and
     * carries it out: SERVICE_PROBLEM re-handles the case (back to IN_PROGRESS, to be completed and called back again);
     * MISUNDERSTANDING records the explanation given (required) and closes the case.
     */
    public Case resolveReview(CaseId id, int version, Account by, Instant at, ReviewFinding finding,
                              String explanation) {
        String actor = actor(by);
        return apply(id, version, c -> {
            if (finding == null) {
                throw new TransitionRefused("case.refused.finding-required", "The review finding must be given.");
            }
            if (finding == ReviewFinding.MISUNDERSTANDING && (explanation == null || explanation.isBlank())) {
                throw new TransitionRefused("case.refused.explanation-required",
                        "The explanation given must be written.");
            }
            if (c.reviewedAt() == null) {
                c.review(actor, at, finding);
            }
            if (finding == ReviewFinding.SERVICE_PROBLEM) {
                c.rehandle(actor, at);
            } else {
                c.explain(actor, at, explanation);
            }
        });
    }

    /** 补充解释 with the explanation given (required; kept on the history). */
    public Case explain(CaseId id, int version, Account by, Instant at, String explanation) {
        return apply(id, version, c -> c.explain(actor(by), at, explanation));
    }

    public Case close(CaseId id, int version, Account by, Instant at) {
        return apply(id, version, c -> c.close(actor(by), at));
    }

    public Case withdraw(CaseId id, int version, Account by, Instant at, String reason) {
        return apply(id, version, c -> c.withdraw(actor(by), at, reason));
    }

    // ---------------------------------------------------------------------------------------------- case work

    /**
     * An internal note on the case (never shown to the citizen), with its history line, in one transaction. The case's
     * version does not change (a note changes none of its facts), so nobody's open form goes stale.
     */
    public void note(CaseId id, Account by, Instant at, String text) {
        String actor = actor(by);
        transaction.executeWithoutResult(status -> {
            Case c = cases.lockById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            c.note(actor, at, text);
            if (work.noteCount(id) >= CaseWorkLog.MAX_NOTES) {
                throw new TransitionRefused("case.refused.notes-full",
                        "The case has " + CaseWorkLog.MAX_NOTES + " notes, the most it takes.", CaseWorkLog.MAX_NOTES);
            }
            work.addNote(id, at, actor, text.trim());
            flush(c);
        });
    }

    /**
     * An attempt to reach the citizen and its outcome ({@link Case#logContact}), with its history line, in one
     * transaction. Only when the attempt changes the case (the first that reaches the citizen) is the case saved, and
     * then only from the version the caller saw ({@link CaseChanged} otherwise).
     *
     * @return the case after the attempt
     */
    public Case logContact(CaseId id, int version, Account by, Instant at, ContactOutcome outcome, String remark) {
        String actor = actor(by);
        return transaction.execute(status -> {
            Case c = cases.lockById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            boolean changed = c.logContact(actor, at, outcome, remark);
            if (changed) {
                if (c.version() != version) {
                    throw new CaseChanged(c);
                }
                cases.update(c);
            }
            work.addContact(id, at, actor, outcome, Case.blankToNull(remark));
            flush(c);
            return c;
        });
    }

    /**
     * 更正: corrects facts of a case as the account, with a reason: each value checked as intake checks it
     * ({@link CaseFact#clean}), then {@link #changeFacts} under action CORRECT.
     *
     * @throws TransitionRefused {@code case.refused.nothing-changed} when every value equals the case's
     */
    public Case correct(CaseId id, int version, Account by, Instant at, String reason,
                        java.util.Map<CaseColumn<?>, ?> values) {
        List<CaseFact.Change> changes = new java.util.ArrayList<>();
        // in the order the correction form shows the facts, so the history reads as the form
        java.util.stream.Stream.concat(CaseFact.CORRECTABLE.stream(), CaseFact.ALL.stream())
                .distinct().filter(values::containsKey)
                .forEach(fact -> changes.add(new CaseFact.Change(fact, CaseFact.clean(fact, values.get(fact)))));
        return changeFacts(id, version, by, at, Case.Action.CORRECT, reason, changes);
    }

    /**
     * Changes facts of a case ({@link Case#changeFacts}) from the version the caller saw, in one transaction: the case
     * saved (its clocks and nearest deadline recomputed from the new facts) with a history line per changed fact. The
     * one operation for every change of a case's facts after intake.
     *
     * @throws TransitionRefused {@code case.refused.nothing-changed} when every value equals the case's
     */
    public Case changeFacts(CaseId id, int version, Account by, Instant at, Case.Action action, String note,
                            List<CaseFact.Change> changes) {
        return apply(id, version, c -> {
            if (c.changeFacts(action, actor(by), at, note, changes, children(c, changes)).isEmpty()) {
                throw new TransitionRefused("case.refused.nothing-changed", "Nothing differs from the case as it is.");
            }
        });
    }

    /**
     * {@link #changeFacts} of the case's current version, for a change that does not come from a page showing a
     * version (a ledger import, in the caller's transaction); nothing changed is no error.
     *
     * @throws CaseNotFound when no case has the number
     */
    public Case changeFactsOfCurrent(String caseNo, Account by, Instant at, Case.Action action, String note,
                                     List<CaseFact.Change> changes) {
        return transaction.execute(status -> {
            Case c = cases.findByCaseNo(caseNo).orElseThrow(() -> new CaseNotFound(caseNo));
            if (!c.changeFacts(action, actor(by), at, note, changes, children(c, changes)).isEmpty()) {
                cases.update(c);
            }
            flush(c);
            return c;
        });
    }

    /** How many cases are linked under the case, when the changes touch whether it is complex (else 0). */
    private int children(Case c, List<CaseFact.Change> changes) {
        return changes.stream().anyMatch(ch -> ch.fact() == CaseColumn.COMPLEX) ? cases.children(c.id()).size() : 0;
    }

    /** The notes of a case, oldest first. */
    public List<CaseWorkLog.Note> notes(CaseId id) {
        return work.notes(id);
    }

    /** The contact log of a case, oldest first. */
    public List<CaseWorkLog.ContactAttempt> contacts(CaseId id) {
        return work.contacts(id);
    }

    /**
     * Runs {@code inside} in one transaction with the case locked (so that, say, a count per case holds against
     * concurrent additions), after {@code guard} was applied to the case; the guard's history lines and events are
     * written in the same transaction. The case's version does not change.
     */
    <T> T withLockedCase(CaseId id, Consumer<Case> guard, java.util.function.Function<Case, T> inside) {
        return transaction.execute(status -> {
            Case c = cases.lockById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            guard.accept(c);
            T result = inside.apply(c);
            flush(c);
            return result;
        });
    }

    // ---------------------------------------------------------------------------------------------- complex cases

    /**
     * 多户串联故障: links the given cases under one complex case, in one transaction. The parent is the earliest listed
     * case that is already complex, open and not itself linked under another; when none is, a new complex case is
     * registered by {@code by} at {@code at} (submitted and accepted at {@code at}, so its own clocks start now; channel,
     * category, topic and address of the earliest listed case, and a demand listing the linked cases). Every other listed
     * case gets {@code parent_case} and a LINK history line; the parent a LINK line naming them. Cases already under that
     * parent are left alone.
     *
     * @return the parent
     * @throws CaseNotFound when a case number is unknown
     */
    public Case linkUnderComplexCase(List<String> caseNos, Account by, Instant at) {
        if (caseNos == null || caseNos.isEmpty()) {
            throw new IllegalArgumentException("no cases to link");
        }
        String actor = actor(by);
        return transaction.execute(status -> {
            List<Case> listed = caseNos.stream().distinct()
                    .map(no -> cases.findByCaseNo(no).orElseThrow(() -> new CaseNotFound(no)))
                    .sorted(java.util.Comparator.comparing(Case::submittedAt).thenComparing(c -> c.id().value()))
                    .toList();
            Case parent = listed.stream()
                    .filter(c -> c.complex() && c.isOpen() && c.parentCase() == null)
                    .findFirst()
                    .orElse(null);
            if (parent == null) {
                Case first = listed.get(0);
                String demand = "多户串联故障 / cluster: " + String.join(", ", listed.stream().map(Case::caseNo).toList());
                CaseIntake intake = new CaseIntake(first.channel(), first.category(), true, first.topic(), null, null,
                        first.address(), demand, null, at, null);
                parent = cases.insert(Case.submitted(intake, at, null, null));
                parent.registered(actor, at);
                parent.accept(actor, at);
                cases.update(parent);
                flush(parent);
            }
            List<String> linked = new java.util.ArrayList<>();
            for (Case c : listed) {
                if (c.id().equals(parent.id())) {
                    continue;
                }
                if (c.linkUnder(parent, actor, at)) {
                    cases.update(c);
                    flush(c);
                    linked.add(c.caseNo());
                }
            }
            if (!linked.isEmpty()) {
                parent.linked(linked, actor, at);
                flush(parent);
            }
            return parent;
        });
    }

    /**
     * 并入复杂工单: links the cases under the named complex case, in one transaction: each case gets
     * {@code parent_case} and a LINK history line, the parent a LINK line naming them; a case already under it is left
     * alone. Refused when the parent is not complex, not open, or itself linked under another.
     *
     * @return the cases linked now
     * @throws CaseNotFound when a case is unknown
     */
    public List<Case> linkUnder(CaseId parent, List<CaseId> children, Account by, Instant at) {
        String actor = actor(by);
        return transaction.execute(status -> {
            Case p = cases.lockById(parent).orElseThrow(() -> new CaseNotFound(parent.toString()));
            if (!p.complex() || !p.isOpen() || p.parentCase() != null) {
                throw new TransitionRefused("case.refused.parent", "A case can only be linked under another complex case.");
            }
            List<Case> linked = new java.util.ArrayList<>();
            for (CaseId id : children) {
                Case c = cases.findById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
                if (c.linkUnder(p, actor, at)) {
                    cases.update(c);
                    flush(c);
                    linked.add(c);
                }
            }
            if (!linked.isEmpty()) {
                p.linked(linked.stream().map(Case::caseNo).toList(), actor, at);
                flush(p);
            }
            return linked;
        });
    }

    /** The cases linked under a complex case. */
    public List<Case> children(CaseId parent) {
        return cases.children(parent);
    }

    /** The later cases linked to this one as its repeats or follow-ups. */
    public List<Case> relatedLater(CaseId earlier) {
        return cases.relatedTo(earlier);
    }

    // ---------------------------------------------------------------------------------------------- by itself

    /**
     * Settles the consultations (and what is judged as one) whose follow-up window has passed by {@code now}: one with
     * a later case of the same citizen (phone) on the topic submitted within the window is not resolved and the
     * earliest such case is linked to it as its follow-up (an online intake is matched here, an agent's registration
     * at once); the others are resolved. Each in its own transaction (a case changed meanwhile is left for the next
     * run).
     *
     * @return the cases settled
     */
    public List<Case> settleFollowUpWindows(Instant now) {
        List<Case> settled = new java.util.ArrayList<>();
        for (Case pending : cases.pendingCompletedBefore(now.minus(resolutions.followUpWindow()))) {
            if (resolutions.ruleOf(pending) != Resolution.Rule.NO_FOLLOW_UP) {
                continue;
            }
            try {
                Case done = transaction.execute(status -> {
                    Case c = cases.findById(pending.id()).orElseThrow();
                    if (c.version() != pending.version()) {
                        return null;
                    }
                    Case followUp = firstFollowUp(c);
                    if (followUp != null) {
                        c.followedUp(followUp, SYSTEM, now);
                        cases.update(c);
                        flush(c);
                        if (followUp.followUpOf() == null && followUp.relateTo(c, false, SYSTEM, now)) {
                            cases.update(followUp);
                            flush(followUp);
                        }
                        return c;
                    }
                    if (!c.settleWithoutFollowUp(SYSTEM, now)) {
                        return null;
                    }
                    cases.update(c);
                    flush(c);
                    return c;
                });
                if (done != null) {
                    settled.add(done);
                }
            } catch (CaseChanged changed) {
                // someone else saved it in between: the next run looks again
            }
        }
        return settled;
    }

    /** The earliest later case of the citizen on the consultation's topic submitted within its window, or null. */
    private Case firstFollowUp(Case consultation) {
        String phone = PhoneNumbers.normalize(consultation.citizenPhone());
        if (phone == null || consultation.topic() == null || consultation.completedAt() == null) {
            return null;
        }
        Instant from = consultation.completedAt();
        Instant to = from.plus(resolutions.followUpWindow());
        return cases.byPhone(phone, to, 200).stream()
                .filter(c -> !c.id().equals(consultation.id()) && consultation.topic().equals(c.topic()))
                .filter(c -> c.submittedAt().isAfter(from) && c.state() != CaseState.WITHDRAWN)
                .min(java.util.Comparator.comparing(Case::submittedAt).thenComparing(c -> c.id().value()))
                .orElse(null);
    }

    /**
     * Closes the EVALUATED cases evaluated at least {@code after} before {@code now} (no dissatisfied review is open on
     * an EVALUATED case), each in its own transaction; a case changed meanwhile is left for the next run. Idempotent.
     *
     * @return the cases closed
     */
    public List<Case> closeEvaluated(Instant now, Duration after) {
        List<Case> closed = new java.util.ArrayList<>();
        for (Case evaluated : cases.evaluatedBefore(now.minus(after))) {
            try {
                closed.add(apply(evaluated.id(), evaluated.version(), c -> c.close(SYSTEM, now)));
            } catch (CaseChanged | TransitionRefused moved) {
                // changed or no longer EVALUATED: nothing to do
            }
        }
        return closed;
    }

    private Case apply(CaseId id, int version, Consumer<Case> transition) {
        return transaction.execute(status -> {
            Case c = cases.findById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            if (c.version() != version) {
                throw new CaseChanged(c);
            }
            transition.accept(c);
            cases.update(c);
            flush(c);
            return c;
        });
    }

    private void flush(Case c) {
        cases.appendHistory(c.drainHistory());
        c.drainEvents().forEach(events::publishEvent);
    }
}
