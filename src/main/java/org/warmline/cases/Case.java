package org.warmline.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;

import static org.warmline.ledger.CaseColumn.*;

/**
 * A case (工单) and its lifecycle (docs/desk.md): every ledger field, its {@link CaseState} and version. Every
 * transition is guarded (a transition not allowed from the current state throws {@link TransitionRefused} and changes
 * nothing), stamps its instant and actor, and leaves history entries (field, before → after) and a past-tense
 * {@link CaseEvent} for {@link CaseDesk} to save and publish. Nothing is ever deleted; a case is withdrawn with a reason.
 */
public final class Case {

    /** The transitions, as written in the history's {@code action} column. */
    public enum Action {
        REGISTER("registered"), ACCEPT("accepted"), ANSWER("answered on the spot"), DISPATCH("dispatched"),
        REASSIGN("reassigned"), CONTACT("marked as contacted"), SURVEY("surveyed"), SOLUTION("given a solution"),
        COMPLETE("completed"), EVALUATE("evaluated"), REVIEW("reviewed"), REHANDLE("re-handled"),
        EXPLAIN("explained"), CLOSE("closed"), WITHDRAW("withdrawn"),
        /** Raised up the unit tree by the escalation job (a history line only; the case itself does not change). */
        ESCALATED("escalated"),
        /** Linked under a complex case (多户串联故障), or, on the complex case, the cases linked under it. */
        LINK("linked under a complex case"),
        /** Facts changed by a ledger import ({@link Case#changeFacts}). */
        IMPORT("updated by a ledger import"),
        /** Linked to the earlier case it repeats (chosen at intake) or follows up (a consultation asked again). */
        RELATE("linked to an earlier case"),
        /** The resolution recorded (scheme 2.3): the citizen's answer, an on-site acceptance, or a follow-up window. */
        CONFIRM("given its resolution"),
        /** A callback that did not reach the citizen (a history line only). */
        CALLBACK_ATTEMPT("called back without reaching the citizen"),
        /** A message sent to the citizen (a history line only: the text, the phone masked). */
        MESSAGE("sent a message"),
        /** An internal note (never shown to the citizen); the case itself does not change. */
        NOTE("given a note"),
        /** An attempt to reach the citizen and its outcome; the first that reaches them is the contact. */
        CONTACT_ATTEMPT("given a contact attempt"),
        /** Facts of the case corrected by a person, with the reason ({@link Case#changeFacts}). */
        CORRECT("corrected"),
        /** A file (photo, document) added to the case; the case itself does not change. */
        ATTACH("given a file");

        private final String english;

        Action(String english) {
            this.english = english;
        }

        String english() {
            return english;
        }
    }

    CaseId id;
    /** The ledger's facts of the case (docs/ledger.md), by {@link CaseColumn#index()}; instants as {@link Instant}s. */
    private final Object[] facts = new Object[CaseColumn.ALL.size()];
    CaseState state;
    Instant withdrawnAt;
    String withdrawnReason;
    String externalTicket;
    String idempotencyKey;
    /** What the submission of an idempotency key held (SHA-256, hex), or null. */
    String idempotencyFingerprint;
    CaseId parentCase;
    Boolean handlerResolved;
    Resolution resolution;
    Resolution.Source resolutionSource;
    Instant resolutionAt;
    String resolutionBy;
    CaseId repeatOf;
    CaseId followUpOf;
    String routedUnit;
    String routedHandler;
    Long routingRule;
    int version;

    private final List<HistoryEntry> pendingHistory = new ArrayList<>();
    private final List<CaseEvent> pendingEvents = new ArrayList<>();
    private Action action;
    private String actor;
    private Instant at;

    Case() {
        for (CaseColumn<?> column : CaseColumn.ALL) {
            if (column.kind() == CaseColumn.Kind.FLAG) {
                facts[column.index()] = Boolean.FALSE;
            }
        }
    }

    /**
     * A new case in state SUBMITTED, not yet stored (no id).
     *
     * @param recordedAt when it is typed in (录入时间)
     */
    public static Case submitted(CaseIntake intake, Instant recordedAt, String externalTicket, String idempotencyKey) {
        Objects.requireNonNull(intake.submittedAt(), "submittedAt");
        Case c = new Case();
        c.set(CASE_NO, blankToNull(intake.caseNo()));
        c.state = CaseState.SUBMITTED;
        c.set(CHANNEL, intake.channel());
        c.set(CATEGORY, intake.category());
        c.set(COMPLEX, intake.complex());
        c.set(TOPIC, Topic.normalize(intake.topic()));
        c.set(CITIZEN_NAME, blankToNull(intake.citizenName()));
        c.set(CITIZEN_PHONE, blankToNull(intake.citizenPhone()));
        c.set(ADDRESS, blankToNull(intake.address()));
        c.set(DEMAND, blankToNull(intake.demand()));
        c.set(OCCURRED_AT, intake.occurredAt());
        c.set(SUBMITTED_AT, intake.submittedAt());
        c.set(RECORDED_AT, recordedAt);
        c.externalTicket = blankToNull(externalTicket);
        c.idempotencyKey = blankToNull(idempotencyKey);
        return c;
    }

    // ---------------------------------------------------------------------------------------------- transitions

    /** 受理: SUBMITTED → ACCEPTED, stamping {@code accepted_at} and {@code accepted_by}. */
    public void accept(String actor, Instant at) {
        begin(Action.ACCEPT, actor, at, CaseState.SUBMITTED);
        stampAcceptance();
        moveTo(CaseState.ACCEPTED);
        event(new CaseEvent.CaseAccepted(id, caseNo(), actor, at));
    }

    /**
     * 当场答复: a consultation (not complex) answered by the agent at once: accepted (when not yet), solution given and
     * completed at {@code at}, in the agent's view resolved; the resolution waits for the follow-up window
     * ({@link Resolution#PENDING}). From SUBMITTED or ACCEPTED.
     */
    public void answerOnTheSpot(String actor, Instant at, String solution) {
        begin(Action.ANSWER, actor, at, CaseState.SUBMITTED, CaseState.ACCEPTED);
        if (category() != Category.CONSULTATION || complex()) {
            throw new TransitionRefused("case.refused.consultation-only",
                    "Only a consultation that is not complex can be answered on the spot.");
        }
        requireText(solution, "case.refused.solution-required", "A solution must be written.");
        boolean newlyAccepted = acceptedAt() == null;
        stampAcceptance();
        change(SOLUTION, solution.trim());
        change(SOLUTION_AT, at);
        change(COMPLETED_AT, at);
        handlerResolved = change("handler_resolved", handlerResolved, Boolean.TRUE);
        awaitResolution();
        moveTo(CaseState.COMPLETED);
        if (newlyAccepted) {
            event(new CaseEvent.CaseAccepted(id, caseNo(), actor, at));
        }
        event(new CaseEvent.CaseCompleted(id, caseNo(), actor, at, true));
    }

    /**
     * 派单: to a responsible unit and optionally a handler. From ACCEPTED, or from SUBMITTED (an online case accepted and
     * dispatched in one step: {@code accepted_at} is stamped too).
     */
    public void dispatch(String actor, Instant at, String unit, String handler) {
        begin(Action.DISPATCH, actor, at, CaseState.SUBMITTED, CaseState.ACCEPTED);
        requireText(unit, "case.refused.unit-required", "A responsible unit must be chosen.");
        boolean newlyAccepted = acceptedAt() == null;
        stampAcceptance();
        change(DISPATCHED_AT, at);
        change(UNIT, unit.trim());
        change(HANDLER, blankToNull(handler));
        moveTo(CaseState.DISPATCHED);
        if (newlyAccepted) {
            event(new CaseEvent.CaseAccepted(id, caseNo(), actor, at));
        }
        event(new CaseEvent.CaseDispatched(id, caseNo(), actor, at, unit(), handler()));
    }

    /** 改派: another unit and/or handler, while the case is being handled (not after completion). */
    public void reassign(String actor, Instant at, String unit, String handler) {
        begin(Action.REASSIGN, actor, at, CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN);
        requireText(unit, "case.refused.unit-required", "A responsible unit must be chosen.");
        change(UNIT, unit.trim());
        change(HANDLER, blankToNull(handler));
        event(new CaseEvent.CaseReassigned(id, caseNo(), actor, at, unit(), handler()));
    }

    /** 联系用户: DISPATCHED → IN_PROGRESS, stamping {@code contacted_at}. */
    public void contact(String actor, Instant at) {
        begin(Action.CONTACT, actor, at, CaseState.DISPATCHED);
        change(CONTACTED_AT, at);
        moveTo(CaseState.IN_PROGRESS);
        event(new CaseEvent.CaseContacted(id, caseNo(), actor, at));
    }

    /** 现场勘查: while IN_PROGRESS; sets {@code site_survey} and stamps {@code surveyed_at}. */
    public void survey(String actor, Instant at) {
        begin(Action.SURVEY, actor, at, CaseState.IN_PROGRESS);
        change(SITE_SURVEY, true);
        change(SURVEYED_AT, at);
        event(new CaseEvent.CaseSurveyed(id, caseNo(), actor, at));
    }

    /**
     * 答复/方案: IN_PROGRESS → SOLUTION_GIVEN. The first solution's instant is the 2.2 milestone and is kept when a
     * re-handled case gets a new solution (the new text replaces the old one; the history keeps both).
     */
    public void giveSolution(String actor, Instant at, String text) {
        begin(Action.SOLUTION, actor, at, CaseState.IN_PROGRESS);
        requireText(text, "case.refused.solution-required", "A solution must be written.");
        change(SOLUTION, text.trim());
        if (solutionAt() == null) {
            change(SOLUTION_AT, at);
        }
        moveTo(CaseState.SOLUTION_GIVEN);
        event(new CaseEvent.SolutionGiven(id, caseNo(), actor, at));
    }

    /**
     * 办结: SOLUTION_GIVEN → COMPLETED with the handler's own view whether the problem was resolved (kept and shown, but
     * not the fact: the resolution is the citizen's and is {@link Resolution#PENDING} from now on). The first
     * completion's instant is kept when a re-handled case is completed again.
     */
    public void complete(String actor, Instant at, boolean handlerView) {
        begin(Action.COMPLETE, actor, at, CaseState.SOLUTION_GIVEN);
        if (completedAt() == null) {
            change(COMPLETED_AT, at);
        }
        handlerResolved = change("handler_resolved", handlerResolved, handlerView);
        awaitResolution();
        moveTo(CaseState.COMPLETED);
        event(new CaseEvent.CaseCompleted(id, caseNo(), actor, at, handlerView));
    }

    /**
     * 办结 of a complex case whose rectification the citizen accepted on site (现场验收) at completion: completed as
     * {@link #complete}, then the acceptance recorded ({@link Resolution.Source#ON_SITE}).
     */
    public void completeAccepted(String actor, Instant at, boolean handlerView, Resolution.Rule rule) {
        complete(actor, at, handlerView);
        confirmResolution(actor, at, true, Resolution.Source.ON_SITE, rule);
    }

    /**
     * 解决情况: records the citizen's answer to "问题是否已解决" (a complaint: {@code CALLBACK} or {@code SURVEY}) or
     * acceptance of a complex case's rectification ({@code CALLBACK}, {@code SURVEY} or {@code ON_SITE}), after
     * completion (COMPLETED, EVALUATED or REVIEW). A later answer replaces an earlier one (the history keeps both). A
     * consultation's resolution is not asked: it follows from the follow-up window.
     */
    public void confirmResolution(String actor, Instant at, boolean resolvedByCitizen, Resolution.Source source,
                                  Resolution.Rule rule) {
        begin(Action.CONFIRM, actor, at, CaseState.COMPLETED, CaseState.EVALUATED, CaseState.REVIEW);
        if (rule == Resolution.Rule.NO_FOLLOW_UP) {
            throw new TransitionRefused("case.refused.resolution-follow-up",
                    "A consultation's resolution follows from the follow-up window; it is not asked.");
        }
        if (source == Resolution.Source.ON_SITE && rule != Resolution.Rule.ACCEPTANCE) {
            throw new TransitionRefused("case.refused.on-site-complex-only",
                    "An on-site acceptance is recorded for complex cases only.");
        }
        if (source != Resolution.Source.CALLBACK && source != Resolution.Source.SURVEY
                && source != Resolution.Source.ON_SITE) {
            throw new IllegalArgumentException("not a citizen's answer: " + source);
        }
        settle(resolvedByCitizen ? Resolution.RESOLVED : Resolution.UNRESOLVED, source,
                KeyedText.of("history.resolution." + source.name(),
                        KeyedText.key(resolvedByCitizen ? "resolution.answer.yes" : "resolution.answer.no")));
    }

    /**
     * A consultation (or what is judged as one) whose follow-up window passed without a follow-up: resolved
     * ({@link Resolution.Source#NO_FOLLOW_UP}). Only a pending resolution changes; any state but withdrawn.
     *
     * @return whether the case changed
     */
    public boolean settleWithoutFollowUp(String actor, Instant at) {
        begin(Action.CONFIRM, actor, at, CaseState.values());
        if (state == CaseState.WITHDRAWN || resolution != Resolution.PENDING) {
            return false;
        }
        settle(Resolution.RESOLVED, Resolution.Source.NO_FOLLOW_UP, KeyedText.of("history.resolution.NO_FOLLOW_UP"));
        return true;
    }

    /**
     * The citizen asked again on the topic within the follow-up window (case {@code followUp}): the consultation is not
     * resolved ({@link Resolution.Source#FOLLOW_UP}). A pending resolution or one settled without follow-up changes.
     *
     * @return whether the case changed
     */
    public boolean followedUp(Case followUp, String actor, Instant at) {
        begin(Action.CONFIRM, actor, at, CaseState.values());
        boolean open = resolution == Resolution.PENDING
                || (resolution == Resolution.RESOLVED && resolutionSource == Resolution.Source.NO_FOLLOW_UP);
        if (state == CaseState.WITHDRAWN || !open) {
            return false;
        }
        settle(Resolution.UNRESOLVED, Resolution.Source.FOLLOW_UP,
                KeyedText.of("history.resolution.FOLLOW_UP", followUp.caseNo()));
        return true;
    }

    /**
     * 关联: this new case repeats ({@code repeat}) or follows up ({@code !repeat}) the earlier case {@code earlier}.
     * Relating a case to itself or to a later case is refused; relating it again to the same case changes nothing.
     *
     * @return whether the case changed
     */
    public boolean relateTo(Case earlier, boolean repeat, String actor, Instant at) {
        begin(Action.RELATE, actor, at, CaseState.values());
        if (earlier.id == null || earlier.id.equals(id) || earlier.submittedAt().isAfter(submittedAt())) {
            throw new TransitionRefused("case.refused.relate", "A case can only be linked to an earlier case.");
        }
        CaseId before = repeat ? repeatOf : followUpOf;
        if (earlier.id.equals(before)) {
            return false;
        }
        if (repeat) {
            repeatOf = earlier.id;
        } else {
            followUpOf = earlier.id;
        }
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.RELATE.name(), repeat ? "repeat_of" : "follow_up_of",
                text(before), text(earlier.id), null,
                KeyedText.of(repeat ? "history.related.repeat" : "history.related.followUp", earlier.caseNo())));
        return true;
    }

    /** The routing rules' proposal for a case taken in without a unit (an online, 12345 or API intake). */
    void routed(String unit, String handler, Long rule) {
        this.routedUnit = blankToNull(unit);
        this.routedHandler = blankToNull(handler);
        this.routingRule = rule;
    }

    private void awaitResolution() {
        resolution = change("resolution", resolution, Resolution.PENDING);
        resolutionSource = null;
        resolutionAt = at;
        resolutionBy = actor;
        change(RESOLVED, false);
    }

    private void settle(Resolution outcome, Resolution.Source source, KeyedText says) {
        resolution = change("resolution", resolution, outcome);
        resolutionSource = source;
        resolutionAt = at;
        resolutionBy = actor;
        change(RESOLVED, outcome == Resolution.RESOLVED);
        pendingHistory.add(HistoryEntry.saying(id, at, actor, Action.CONFIRM.name(), says));
        event(new CaseEvent.ResolutionRecorded(id, caseNo(), actor, at, outcome, source));
    }

    /**
     * 回访评价: COMPLETED → EVALUATED, or → REVIEW when UNSATISFIED (stamping {@code unsatisfied_at}; the review columns
     * of an earlier round are cleared, since they belong to the latest UNSATISFIED round; the history keeps them).
     */
    public void evaluate(String actor, Instant at, EvaluationLevel level, EvaluationChannel channel, String comment) {
        begin(Action.EVALUATE, actor, at, CaseState.COMPLETED);
        if (level == null || channel == null) {
            throw new TransitionRefused("case.refused.evaluation-required",
                    "The evaluation level and channel must be given.");
        }
        change(EVALUATION, level);
        change(EVALUATION_CHANNEL, channel);
        change(EVALUATED_AT, at);
        change(EVALUATION_COMMENT, blankToNull(comment));
        if (level == EvaluationLevel.UNSATISFIED) {
            change(UNSATISFIED_AT, at);
            change(REVIEWED_AT, null);
            change(REVIEW_FINDING, null);
            change(REHANDLED_AT, null);
            change(EXPLAINED_AT, null);
            moveTo(CaseState.REVIEW);
        } else {
            moveTo(CaseState.EVALUATED);
        }
        event(new CaseEvent.CaseEvaluated(id, caseNo(), actor, at, level, channel));
    }

    /** 复核: records the finding of the review of an UNSATISFIED evaluation (stays in REVIEW until re-handled or explained). */
    public void review(String actor, Instant at, ReviewFinding finding) {
        begin(Action.REVIEW, actor, at, CaseState.REVIEW);
        if (finding == null) {
            throw new TransitionRefused("case.refused.finding-required", "The review finding must be given.");
        }
        if (reviewedAt() != null) {
            throw new TransitionRefused("case.refused.already-reviewed", "The case has already been reviewed.");
        }
        change(REVIEWED_AT, at);
        change(REVIEW_FINDING, finding);
        event(new CaseEvent.CaseReviewed(id, caseNo(), actor, at, finding));
    }

    /** 重新办理: after a review finding SERVICE_PROBLEM, REVIEW → IN_PROGRESS, stamping {@code rehandled_at}. */
    public void rehandle(String actor, Instant at) {
        begin(Action.REHANDLE, actor, at, CaseState.REVIEW);
        requireFinding(ReviewFinding.SERVICE_PROBLEM);
        change(REHANDLED_AT, at);
        awaitResolution();
        moveTo(CaseState.IN_PROGRESS);
        event(new CaseEvent.CaseRehandled(id, caseNo(), actor, at));
    }

    /** 补充解释: after a review finding MISUNDERSTANDING, REVIEW → CLOSED, stamping {@code explained_at}. */
    public void explain(String actor, Instant at) {
        begin(Action.EXPLAIN, actor, at, CaseState.REVIEW);
        requireFinding(ReviewFinding.MISUNDERSTANDING);
        change(EXPLAINED_AT, at);
        moveTo(CaseState.CLOSED);
        event(new CaseEvent.CaseExplained(id, caseNo(), actor, at));
        event(new CaseEvent.CaseClosed(id, caseNo(), actor, at));
    }

    /**
     * 补充解释 with the explanation given to the citizen: as {@link #explain(String, Instant)}, the text kept on the
     * history line (note) of the explanation.
     */
    public void explain(String actor, Instant at, String explanation) {
        requireText(explanation, "case.refused.explanation-required", "The explanation given must be written.");
        explain(actor, at);
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.EXPLAIN.name(), null, null, null,
                explanation.trim()));
    }

    /** 关闭: EVALUATED → CLOSED. */
    public void close(String actor, Instant at) {
        begin(Action.CLOSE, actor, at, CaseState.EVALUATED);
        moveTo(CaseState.CLOSED);
        event(new CaseEvent.CaseClosed(id, caseNo(), actor, at));
    }

    /** 撤回: with a reason, before completion; the case stays, marked withdrawn. */
    public void withdraw(String actor, Instant at, String reason) {
        begin(Action.WITHDRAW, actor, at, CaseState.SUBMITTED, CaseState.ACCEPTED, CaseState.DISPATCHED,
                CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN);
        requireText(reason, "case.refused.reason-required", "A reason must be given to withdraw a case.");
        withdrawnAt = change("withdrawn_at", withdrawnAt, at);
        withdrawnReason = change("withdrawn_reason", withdrawnReason, reason.trim());
        moveTo(CaseState.WITHDRAWN);
        event(new CaseEvent.CaseWithdrawn(id, caseNo(), actor, at, withdrawnReason));
    }

    /**
     * 并入复杂工单: links this case under the complex case {@code parent} (sets {@code parent_case}), in any state but
     * withdrawn. Linking a case under itself, or under a case that is not complex, is refused; linking it again under
     * the same parent changes nothing.
     *
     * @return whether the case changed
     */
    public boolean linkUnder(Case parent, String actor, Instant at) {
        begin(Action.LINK, actor, at, CaseState.values());
        if (state == CaseState.WITHDRAWN) {
            throw TransitionRefused.state(state, Action.LINK);
        }
        if (parent.id == null || parent.id.equals(id) || !parent.complex()) {
            throw new TransitionRefused("case.refused.parent", "A case can only be linked under another complex case.");
        }
        if (parent.id.equals(parentCase)) {
            return false;
        }
        CaseId before = parentCase;
        parentCase = parent.id;
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.LINK.name(), "parent_case", text(before),
                text(parentCase), parent.caseNo()));
        return true;
    }

    /** On a complex case: records in its history that these cases were linked under it (no field changes). */
    public void linked(List<String> caseNos, String actor, Instant at) {
        begin(Action.LINK, actor, at, CaseState.values());
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.LINK.name(), null, null, null,
                String.join(", ", caseNos)));
    }

    // ---------------------------------------------------------------------------------------------- case work

    /** The longest note, in characters. */
    public static final int NOTE_MAX = 1000;
    /** The longest remark of a contact attempt, in characters. */
    public static final int REMARK_MAX = 500;

    /** 内部备注: an internal note, in any state; a history line with the text (the case itself does not change). */
    public void note(String actor, Instant at, String text) {
        begin(Action.NOTE, actor, at, CaseState.values());
        requireText(text, "case.refused.note-required", "The note must be written.");
        if (text.trim().length() > NOTE_MAX) {
            throw new TransitionRefused("case.refused.note-too-long", "A note has at most " + NOTE_MAX + " characters.",
                    NOTE_MAX);
        }
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.NOTE.name(), null, null, null, text.trim()));
        event(new CaseEvent.NoteAdded(id, caseNo(), actor, at));
    }

    /**
     * 联系记录: an attempt to reach the citizen while the case is handled (dispatched, in progress, solution given). The
     * first attempt that reaches them stamps {@code contacted_at} unless a contact was already recorded, and a
     * dispatched case moves to IN_PROGRESS as with {@link #contact}.
     *
     * @return whether the case itself changed (then it is saved with its version checked)
     */
    public boolean logContact(String actor, Instant at, ContactOutcome outcome, String remark) {
        begin(Action.CONTACT_ATTEMPT, actor, at, CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN);
        if (outcome == null) {
            throw new TransitionRefused("case.refused.outcome-required", "The outcome of the attempt must be given.");
        }
        String note = blankToNull(remark);
        if (note != null && note.length() > REMARK_MAX) {
            throw new TransitionRefused("case.refused.remark-too-long",
                    "A remark has at most " + REMARK_MAX + " characters.", REMARK_MAX);
        }
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.CONTACT_ATTEMPT.name(), "contact_outcome", null,
                outcome.name(), note));
        boolean changed = false;
        if (outcome == ContactOutcome.REACHED && contactedAt() == null) {
            change(CONTACTED_AT, at);
            changed = true;
            if (state == CaseState.DISPATCHED) {
                moveTo(CaseState.IN_PROGRESS);
            }
            event(new CaseEvent.CaseContacted(id, caseNo(), actor, at));
        }
        event(new CaseEvent.ContactAttempted(id, caseNo(), actor, at, outcome));
        return changed;
    }

    /**
     * 更正: changes facts of the case — a correction by a person (its values checked by {@link CaseFact#clean} first),
     * or a ledger import that brings better facts — in one general operation. Each fact whose value differs gets a
     * history line under {@code action} (its column, before → after, the note: the reason, or the file imported); the
     * same value leaves none. When the changed milestones put the case at another point of its lifecycle
     * ({@link CaseState#of}), the state follows them, so the clocks and the assessment see the case as the facts now
     * say; otherwise the state stays (a closed case stays closed). Refused for a withdrawn case, without a note, for an
     * empty {@code submitted_at}, and for a complex case with cases linked under it that would stop being complex.
     *
     * @param children how many cases are linked under this one
     * @return the facts that changed, in the order of {@code changes}; none when every value equals the case's
     */
    public java.util.Set<CaseColumn<?>> changeFacts(Action action, String actor, Instant at, String note,
                                                    List<CaseFact.Change> changes, int children) {
        begin(action, actor, at, CaseState.values());
        if (state == CaseState.WITHDRAWN) {
            throw TransitionRefused.state(state, action);
        }
        requireText(note, "case.refused.change-reason", "A reason must be given.");
        CaseState before = CaseState.of(toRecord());
        java.util.Set<CaseColumn<?>> changed = new java.util.LinkedHashSet<>();
        for (CaseFact.Change change : changes) {
            CaseColumn<?> fact = change.fact();
            Object old = get(fact);
            Object value = CaseFact.normalize(fact, change.value());
            if (fact == SUBMITTED_AT && value == null) {
                throw new TransitionRefused("case.refused.submitted-at",
                        "The submission time must be given and not in the future.");
            }
            if (fact == COMPLEX && Boolean.FALSE.equals(value) && complex() && children > 0) {
                throw new TransitionRefused("case.refused.has-children",
                        "Cases are linked under this complex case; it stays complex.", children);
            }
            if (fact == CaseColumn.CASE_NO || CaseFact.same(fact, old, value)) {
                continue;
            }
            facts[fact.index()] = fact.type().cast(value);
            changed.add(fact);
            pendingHistory.add(new HistoryEntry(id, at, actor, action.name(), fact.name(), text(old), text(value),
                    note.trim()));
        }
        if (!changed.isEmpty()) {
            CaseState after = CaseState.of(toRecord());
            if (after != before) {
                moveTo(after);
            }
            event(new CaseEvent.FactsChanged(id, caseNo(), actor, at, java.util.Set.copyOf(changed), note.trim()));
        }
        return changed;
    }

    /**
     * A file added to the case (the case itself does not change): a history line with its name. A citizen adds files
     * only while the case is open (not closed or withdrawn); staff in any state.
     */
    public void attached(String actor, Instant at, String fileName, boolean byCitizen) {
        begin(Action.ATTACH, actor, at, CaseState.values());
        if (byCitizen && !isOpen()) {
            throw new TransitionRefused("case.refused.closed", "The case is closed; no more files can be added.");
        }
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.ATTACH.name(), null, null, null, fileName));
        event(new CaseEvent.FileAdded(id, caseNo(), actor, at, fileName, byCitizen));
    }

    // ---------------------------------------------------------------------------------------------- machinery

    /** Records the registration of a case just stored (it has its id and number now). */
    void registered(String actor, Instant at) {
        this.action = Action.REGISTER;
        this.actor = actor;
        this.at = at;
        pendingHistory.add(new HistoryEntry(id, at, actor, Action.REGISTER.name(), "state", null, state.name(), null,
                KeyedText.of("history.channel", KeyedText.key("channel." + channel().name()))));
        event(new CaseEvent.CaseRegistered(id, caseNo(), actor, at, channel()));
    }

    private void begin(Action action, String actor, Instant at, CaseState... allowed) {
        Objects.requireNonNull(at, "at");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a transition needs an actor");
        }
        boolean ok = false;
        for (CaseState s : allowed) {
            ok |= s == state;
        }
        if (!ok) {
            throw TransitionRefused.state(state, action);
        }
        this.action = action;
        this.actor = actor;
        this.at = at;
    }

    private void stampAcceptance() {
        if (acceptedAt() == null) {
            change(ACCEPTED_AT, at);
            change(ACCEPTED_BY, actor);
        }
    }

    private void moveTo(CaseState next) {
        state = change("state", state, next);
    }

    private <T> T change(String field, T before, T after) {
        if (!Objects.equals(before, after)) {
            pendingHistory.add(new HistoryEntry(id, at, actor, action.name(), field, text(before), text(after), null));
        }
        return after;
    }

    private void event(CaseEvent event) {
        pendingEvents.add(event);
    }

    private void requireFinding(ReviewFinding needed) {
        if (reviewedAt() == null || reviewFinding() != needed) {
            throw new TransitionRefused("case.refused.finding",
                    "The review finding must be " + needed + " first.", needed.name());
        }
    }

    private static void requireText(String text, String key, String english) {
        if (text == null || text.isBlank()) {
            throw new TransitionRefused(key, english);
        }
    }

    static String text(Object value) {
        return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** The history entries and events of the transitions since the last call, with the case's id filled in. */
    List<HistoryEntry> drainHistory() {
        List<HistoryEntry> out = pendingHistory.stream().map(h -> h.forCase(id)).toList();
        pendingHistory.clear();
        return out;
    }

    /**
     * The events since the last call. A registration recorded before the case was stored (so that its history line can
     * be written in the same statement as the case) gets the id and case number it has now.
     */
    List<CaseEvent> drainEvents() {
        List<CaseEvent> out = pendingEvents.stream()
                .map(e -> e instanceof CaseEvent.CaseRegistered r && r.caseId() == null
                        ? new CaseEvent.CaseRegistered(id, caseNo(), r.actor(), r.at(), r.channel()) : e)
                .toList();
        pendingEvents.clear();
        return out;
    }

    /** The case as a ledger record (docs/ledger.md), as the assessment engine reads it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CaseRecord toRecord() {
        CaseRecord.Builder record = CaseRecord.builder();
        for (CaseColumn<?> column : CaseColumn.ALL) {
            record.set((CaseColumn) column, facts[column.index()]);
        }
        return record.build();
    }

    /** A fact of the case: the value of a column of the ledger (an instant column's as an {@link Instant}). */
    public <T> T get(CaseColumn<T> column) {
        return column.type().cast(facts[column.index()]);
    }

    /** Sets a fact (for a new case, or one read from the database). */
    <T> void set(CaseColumn<T> column, T value) {
        facts[column.index()] = column.kind() == CaseColumn.Kind.FLAG && value == null ? Boolean.FALSE : value;
    }

    /** Sets a fact by a transition, with a history line (column, before → after) when the value changes. */
    private <T> void change(CaseColumn<T> column, T after) {
        set(column, change(column.name(), get(column), after));
    }

    /** Whether the case is still being worked (not closed, not withdrawn). */
    public boolean isOpen() {
        return state != CaseState.CLOSED && state != CaseState.WITHDRAWN;
    }

    // ---------------------------------------------------------------------------------------------- accessors

    public CaseId id() { return id; }
    public String caseNo() { return get(CASE_NO); }
    public CaseState state() { return state; }
    public Channel channel() { return get(CHANNEL); }
    public Category category() { return get(CATEGORY); }
    public boolean complex() { return get(COMPLEX); }
    public String topic() { return get(TOPIC); }
    public String citizenName() { return get(CITIZEN_NAME); }
    public String citizenPhone() { return get(CITIZEN_PHONE); }
    public String address() { return get(ADDRESS); }
    public String demand() { return get(DEMAND); }
    public Instant occurredAt() { return get(OCCURRED_AT); }
    public Instant submittedAt() { return get(SUBMITTED_AT); }
    public Instant recordedAt() { return get(RECORDED_AT); }
    public Instant acceptedAt() { return get(ACCEPTED_AT); }
    public String acceptedBy() { return get(ACCEPTED_BY); }
    public Instant dispatchedAt() { return get(DISPATCHED_AT); }
    public String unit() { return get(UNIT); }
    public String handler() { return get(HANDLER); }
    public Instant contactedAt() { return get(CONTACTED_AT); }
    public boolean siteSurvey() { return get(SITE_SURVEY); }
    public Instant surveyedAt() { return get(SURVEYED_AT); }
    public String solution() { return get(SOLUTION); }
    public Instant solutionAt() { return get(SOLUTION_AT); }
    public Instant completedAt() { return get(COMPLETED_AT); }
    public boolean resolved() { return get(RESOLVED); }
    public EvaluationLevel evaluation() { return get(EVALUATION); }
    public EvaluationChannel evaluationChannel() { return get(EVALUATION_CHANNEL); }
    public Instant evaluatedAt() { return get(EVALUATED_AT); }
    public String evaluationComment() { return get(EVALUATION_COMMENT); }
    public Instant unsatisfiedAt() { return get(UNSATISFIED_AT); }
    public Instant reviewedAt() { return get(REVIEWED_AT); }
    public ReviewFinding reviewFinding() { return get(REVIEW_FINDING); }
    public Instant rehandledAt() { return get(REHANDLED_AT); }
    public Instant explainedAt() { return get(EXPLAINED_AT); }
    public Instant withdrawnAt() { return withdrawnAt; }
    public String withdrawnReason() { return withdrawnReason; }
    public String externalTicket() { return externalTicket; }
    public String idempotencyKey() { return idempotencyKey; }
    public CaseId parentCase() { return parentCase; }
    /** The handler's own view at completion whether the problem was resolved (shown; not the fact), or null. */
    public Boolean handlerResolved() { return handlerResolved; }
    /** Where the resolution stands, or null before completion. */
    public Resolution resolution() { return resolution; }
    public Resolution.Source resolutionSource() { return resolutionSource; }
    public Instant resolutionAt() { return resolutionAt; }
    /** Who recorded the resolution (a staff code or user name, {@code citizen}, {@code system}). */
    public String resolutionBy() { return resolutionBy; }
    /** The earlier case this one repeats (linked at intake), or null. */
    public CaseId repeatOf() { return repeatOf; }
    /** The earlier consultation this one follows up within its window, or null. */
    public CaseId followUpOf() { return followUpOf; }
    /** The unit the routing rules proposed at intake, or null. */
    public String routedUnit() { return routedUnit; }
    public String routedHandler() { return routedHandler; }
    /** The routing rule that made the proposal, or null. */
    public Long routingRule() { return routingRule; }
    public int version() { return version; }

    @Override
    public String toString() {
        return "Case[" + caseNo() + " " + state + " v" + version + "]";
    }
}
