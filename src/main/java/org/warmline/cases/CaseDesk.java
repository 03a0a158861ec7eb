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
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;
import org.warmline.security.Account;

/**
 * The petition desk (spec/workflow.md): registers cases and applies their transitions. Each transition loads the case,
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

    private final CaseRepository cases;
    private final CaseClocks clocks;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final CaseWorkLog work;

    /** A desk whose notes and contact log are kept in the repository's database. */
    public CaseDesk(CaseRepository cases, CaseClocks clocks, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events) {
        this(cases, clocks, transactions, events, new CaseWorkLog(cases.jdbc()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CaseDesk(CaseRepository cases, CaseClocks clocks, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events, CaseWorkLog work) {
        this.work = work;
        this.cases = cases;
        this.clocks = clocks;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
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
        if (command.channel() != Channel.HOTLINE && command.channel() != Channel.WALK_IN) {
            throw new TransitionRefused("case.refused.channel",
                    "An agent registers hotline and walk-in cases only.", String.valueOf(command.channel()));
        }
        if (command.submittedAt() == null || command.submittedAt().isAfter(now)) {
            throw new TransitionRefused("case.refused.submitted-at",
                    "The submission time must be given and not in the future.");
        }
        String actor = actor(agent);
        return transaction.execute(status -> {
            Case c = cases.insert(Case.submitted(command.intake(), now, null, null));
            c.registered(actor, now);
            c.accept(actor, now);
            cases.update(c);
            flush(c);
            return c;
        });
    }

    /**
     * A case submitted online (WECHAT, APP) or transferred from 12345 (GOV_HOTLINE, with its ticket). The same
     * idempotency key twice returns the case made the first time, unchanged.
     */
    public Case registerOnline(OnlineCommand command, Instant now) {
        return submitOnline(command, now).caseFiled();
    }

    /** What an online submission gave: the case, and whether it was made now (false: the key was seen before). */
    public record OnlineIntake(Case caseFiled, boolean created) {
    }

    /** As {@link #registerOnline}, telling whether the case was made now or found by its idempotency key. */
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
        c.registered(actor, now);
        try {
            cases.insertWithHistory(c);
        } catch (DuplicateKeyException seen) {
            return new OnlineIntake(cases.findByIdempotencyKey(key).orElseThrow(() -> seen), false);
        }
        c.drainEvents().forEach(events::publishEvent);
        return new OnlineIntake(c, true);
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
     * window of spec/assessment.md 2.4 (30 × 24 h, whole seconds) before {@code now}: a new complaint submitted at
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

    /** The case an online submission with this idempotency key made, if any. */
    public Optional<Case> findByIdempotencyKey(String key) {
        return cases.findByIdempotencyKey(key);
    }

    public List<HistoryEntry> history(CaseId id) {
        return cases.history(id);
    }

    public CasePage search(CaseQuery query) {
        return cases.search(query);
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

    public Case complete(CaseId id, int version, Account by, Instant at, boolean resolved) {
        return apply(id, version, c -> c.complete(actor(by), at, resolved));
    }

    /** An evaluation recorded by an agent's callback (PHONE) or for the citizen's online survey (ONLINE). */
    public Case evaluate(CaseId id, int version, Account by, Instant at, EvaluationLevel level,
                         EvaluationChannel channel, String comment) {
        return apply(id, version, c -> c.evaluate(actor(by), at, level, channel, comment));
    }

    /** The citizen's own answer to the online survey (actor {@code citizen}, channel ONLINE). */
    public Case evaluateOnline(CaseId id, int version, Instant at, EvaluationLevel level, String comment) {
        return apply(id, version, c -> c.evaluate(CITIZEN, at, level, EvaluationChannel.ONLINE, comment));
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
                    throw new CaseChanged(id, c.caseNo());
                }
                cases.update(c);
            }
            work.addContact(id, at, actor, outcome, Case.blankToNull(remark));
            flush(c);
            return c;
        });
    }

    /** Corrects facts of a case with a reason, as the account ({@link #changeFacts}, action CORRECT). */
    public Case correct(CaseId id, int version, Account by, Instant at, String reason,
                        java.util.Map<CaseFact, ?> values) {
        return changeFacts(id, version, Case.Action.CORRECT, actor(by), at, reason, values);
    }

    /**
     * Changes facts of a case ({@link Case#changeFacts}) from the version the caller saw, in one transaction: the case
     * saved (its nearest deadline recomputed from the new facts) with a history line per changed fact. The one
     * operation for every change of a case's facts after intake.
     *
     * @throws TransitionRefused {@code case.refused.nothing-changed} when every value equals the case's
     */
    public Case changeFacts(CaseId id, int version, Case.Action action, String actor, Instant at, String reason,
                            java.util.Map<CaseFact, ?> values) {
        return apply(id, version, c -> {
            int children = values.containsKey(CaseFact.COMPLEX) ? cases.children(id).size() : 0;
            if (c.changeFacts(action, actor, at, reason, values, children).isEmpty()) {
                throw new TransitionRefused("case.refused.nothing-changed", "Nothing differs from the case as it is.");
            }
        });
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

    /** The cases linked under a complex case. */
    public List<Case> children(CaseId parent) {
        return cases.children(parent);
    }

    private Case apply(CaseId id, int version, Consumer<Case> transition) {
        return transaction.execute(status -> {
            Case c = cases.findById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            if (c.version() != version) {
                throw new CaseChanged(id, c.caseNo());
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
