package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;
import org.warmline.scheme.Scheme;

import static org.warmline.assessment.AssessmentEngine.seconds;
import static org.warmline.ledger.Instants.NONE;

/**
 * Judges one case as of an instant: its timers, deadline, resolution, repeat status, evaluation and review — the facts
 * that do not depend on who is assessed or for which period. The entries it makes are shared by every subject the case
 * counts for.
 */
final class CaseJudge {

    private final Scheme scheme;
    private final Scheme.Items items;
    private final WorkingCalendar calendar;
    private final Reasons reasons;
    private final long asOf;

    CaseJudge(Scheme scheme, WorkingCalendar calendar, Reasons reasons, long asOf) {
        this.scheme = scheme;
        this.items = scheme.items();
        this.calendar = calendar;
        this.reasons = reasons;
        this.asOf = asOf;
    }

    /** The facts of one case. */
    static final class Facts {
        List<Entry> ledger = List.of();
        Entry acceptance;
        Entry contact;
        Entry timeliness;
        boolean judged;
        boolean resolved;
        boolean complaint;
        boolean repeat;
        Entry coverage;
        EvaluationLevel level;
        EvaluationChannel evaluationChannel;
        List<Entry> dissatisfied = List.of();

        // intermediate facts of 2.2, completed by markRepeats and finish
        String handlingClass;
        long deadline = NONE;
        long solutionJudgedAt;
        boolean solutionRecorded;
        boolean late;
        long lateWorkingSeconds;
        String lateEarlier;
        /** For a complaint: the citizen's phone and topic as markRepeats groups them, or null (set by the judging). */
        String repeatKey;
    }

    /** The group of a complaint for repeats: normalised phone and topic, or null when either is missing. */
    private static String repeatKey(CaseRecord c) {
        String topic = Topic.normalize(c.topic());
        if (topic == null) {
            return null;
        }
        String phone = normalizePhone(c.citizenPhone());
        if (phone == null) {
            return null;
        }
        String key = phone + '\u0000' + topic;
        key.hashCode(); // computed here, in the judging thread
        return key;
    }

    /** An instant that has happened as of {@code asOf}, or {@link org.warmline.ledger.Instants#NONE}. */
    private long happened(long instant) {
        return instant != NONE && instant <= asOf ? instant : NONE;
    }

    private static long first(long... instants) {
        for (long instant : instants) {
            if (instant != NONE) {
                return instant;
            }
        }
        return NONE;
    }

    Facts judge(CaseRecord c) {
        Facts f = new Facts();
        long submitted = c.submittedAt();
        long dispatched = happened(c.dispatchedAt());
        long accepted = happened(c.acceptedAt());
        long contacted = happened(c.contactedAt());
        long solution = happened(c.solutionAt());
        long completed = happened(c.completedAt());
        boolean evaluationKnown = c.evaluation() != null && (c.evaluatedAt() == NONE || c.evaluatedAt() <= asOf);

        // 2.1 acceptance timer (attributed by the engine to the accepting agent and their HQ unit only)
        Scheme.Timer acceptanceTimer = items.response().acceptance();
        long acceptanceMilestone = dispatched != NONE ? dispatched : accepted;
        long acceptedJudged = first(acceptanceMilestone, contacted, solution, completed, asOf);
        f.acceptance = timer(acceptanceTimer, acceptedJudged - submitted, c.caseNo(), "response.late-acceptance",
                basis(acceptanceMilestone, acceptedJudged));

        // 2.1 contact timer: only for cases whose dispatch has happened
        if (dispatched != NONE) {
            long contactJudged = first(contacted, solution, completed, asOf);
            f.contact = timer(items.response().contact(), contactJudged - dispatched, c.caseNo(), "response.late-contact",
                    basis(contacted, contactJudged));
        }

        // 2.2 deadline and lateness (the loss is made in finish, after repeats are known)
        deadline(c, f, solution, completed);

        // 2.3 resolution: completed, or overdue without completion (not resolved)
        f.judged = completed != NONE || (f.deadline != NONE && f.deadline < asOf);
        f.resolved = completed != NONE && c.resolved();

        // 2.4 complaints (repeats are marked later)
        f.complaint = c.category() == Category.COMPLAINT;
        if (f.complaint) {
            f.repeatKey = repeatKey(c);
        }

        // 3.1 / 3.2 evaluation
        if (evaluationKnown) {
            f.level = c.evaluation();
            f.evaluationChannel = c.evaluationChannel();
        } else if (completed != NONE) {
            f.coverage = new Entry("coverage.missing-evaluation", items.coverage().missingEvaluation(), c.caseNo(),
                    reasons.text("coverage.missing-evaluation"));
        }

        f.ledger = ledger(c, dispatched, accepted, contacted, solution, completed, evaluationKnown);
        f.dissatisfied = dissatisfied(c, evaluationKnown);
        return f;
    }

    /**
     * The facts {@link #markRepeats} needs of a case that counts for none of the periods computed: whether it is a
     * complaint and whether it is late. The working-day calendar is asked exactly what {@link #judge} asks it, so the
     * years without a schedule are the same; the entries, which no subject would count, are not made.
     */
    /**
     * Without {@code forRepeats} (a case that cannot be an earlier complaint of any counted case, see
     * {@link #repeatReach}) a complaint is not grouped either: only its deadline is worked out, so that the calendar is
     * asked the same questions.
     */
    Facts judgeUncounted(CaseRecord c, boolean forRepeats) {
        boolean complaint = forRepeats && c.category() == Category.COMPLAINT;
        Facts f = complaint ? new Facts() : scratch;
        deadline(c, f, happened(c.solutionAt()), happened(c.completedAt()));
        if (!complaint) {
            return NOT_COUNTED; // markRepeats looks at complaints only
        }
        f.complaint = true;
        f.repeatKey = repeatKey(c);
        return f;
    }

    /** The facts of every case that is neither counted nor a complaint: nothing but "no complaint". */
    private static final Facts NOT_COUNTED = new Facts();
    /** Receives the deadline of a case that is neither counted nor a complaint. */
    private final Facts scratch = new Facts();

    private void deadline(CaseRecord c, Facts f, long solution, long completed) {
        long submitted = c.submittedAt();
        f.handlingClass = Deadlines.handlingClass(c.category(), c.complex());
        long due = Deadlines.handlingDeadline(scheme, calendar, c.category(), c.complex(), submitted);
        if (due != NONE) {
            f.deadline = due;
            f.solutionJudgedAt = first(solution, completed, asOf);
            f.solutionRecorded = solution != NONE;
            if (seconds(f.solutionJudgedAt - f.deadline) > 0) {
                f.late = true;
                f.lateWorkingSeconds = calendar.workingMillisBetween(f.deadline, f.solutionJudgedAt) / 1000;
            }
        }
    }

    private String basis(long recorded, long judgedAt) {
        if (recorded != NONE) {
            return "";
        }
        return judgedAt == asOf ? reasons.text("basis.asof", reasons.instant(asOf))
                : reasons.text("basis.next", reasons.instant(judgedAt));
    }

    private Entry timer(Scheme.Timer timer, long durationMillis, String ref, String key, String basis) {
        long taken = seconds(durationMillis);
        long late = taken - timer.allowance().getSeconds();
        if (late <= 0) {
            return null;
        }
        long step = timer.step().getSeconds();
        long steps = (late + step - 1) / step;
        return new Entry(key, timer.points().multiply(BigDecimal.valueOf(steps)), ref,
                reasons.text(key, reasons.duration(taken), reasons.duration(late), basis));
    }

    /** 1.2 台账管理: empty required fields by stage, and late recording. */
    private List<Entry> ledger(CaseRecord c, long dispatched, long accepted, long contacted, long solution,
                               long completed, boolean evaluationKnown) {
        List<String> missing = new ArrayList<>(2);
        if (c.citizenName() == null) {
            missing.add("citizen_name");
        }
        if (c.citizenPhone() == null) {
            missing.add("citizen_phone");
        }
        if (c.address() == null) {
            missing.add("address");
        }
        if (c.category() == null) {
            missing.add("category");
        }
        if (c.topic() == null) {
            missing.add("topic");
        }
        if (c.demand() == null) {
            missing.add("demand");
        }
        if (happened(c.occurredAt()) == NONE) {
            missing.add("occurred_at");
        }
        boolean pastIntake = dispatched != NONE || contacted != NONE || solution != NONE || completed != NONE
                || evaluationKnown;
        if (pastIntake && accepted == NONE) {
            missing.add("accepted_at");
        }
        if (completed != NONE) {
            if (dispatched != NONE && contacted == NONE) {
                missing.add("contacted_at");
            }
            if (c.solution() == null) {
                missing.add("solution");
            }
            if (solution == NONE) {
                missing.add("solution_at");
            }
            if (c.siteSurvey() && happened(c.surveyedAt()) == NONE) {
                missing.add("surveyed_at");
            }
        }
        if (evaluationKnown && c.evaluationComment() == null) {
            missing.add("evaluation_comment");
        }
        Scheme.Ledger s = items.ledger();
        List<Entry> entries = new ArrayList<>(missing.size() + 1);
        for (String field : missing) {
            entries.add(new Entry("ledger.missing-field", s.missingField(), c.caseNo(),
                    reasons.text("ledger.missing-field", reasons.field(field))));
        }
        if (c.recordedAt() != NONE) {
            long recorded = Math.min(c.recordedAt(), asOf);
            long delay = seconds(recorded - c.submittedAt());
            if (delay > s.recordingAllowance().getSeconds()) {
                entries.add(new Entry("ledger.late-recording", s.lateRecording(), c.caseNo(),
                        reasons.text("ledger.late-recording", reasons.duration(delay),
                                reasons.duration(s.recordingAllowance().getSeconds()))));
            }
        }
        return entries.isEmpty() ? List.of() : entries;
    }

    /** 3.3 不满意处理. */
    private List<Entry> dissatisfied(CaseRecord c, boolean evaluationKnown) {
        long unsatisfied;
        if (c.unsatisfiedAt() != NONE) {
            if (c.unsatisfiedAt() > asOf) {
                return List.of();
            }
            unsatisfied = c.unsatisfiedAt();
        } else if (evaluationKnown && c.evaluation() == EvaluationLevel.UNSATISFIED) {
            unsatisfied = c.evaluatedAt();
        } else {
            return List.of();
        }
        Scheme.Dissatisfied s = items.dissatisfied();
        List<Entry> entries = new ArrayList<>(2);
        long reviewed = happened(c.reviewedAt());
        long allowance = s.reviewAllowance().getSeconds();
        if (unsatisfied != NONE) {
            if (reviewed != NONE) {
                long took = seconds(reviewed - unsatisfied);
                if (took > allowance) {
                    entries.add(new Entry("dissatisfied.late-review", s.notReviewed(), c.caseNo(),
                            reasons.text("dissatisfied.late-review", reasons.instant(unsatisfied), reasons.duration(took),
                                    reasons.duration(allowance))));
                }
            } else if (seconds(asOf - unsatisfied) > allowance) {
                entries.add(new Entry("dissatisfied.late-review", s.notReviewed(), c.caseNo(),
                        reasons.text("dissatisfied.no-review", reasons.instant(unsatisfied), reasons.duration(allowance),
                                reasons.instant(asOf))));
            }
        } else if (reviewed == NONE) {
            entries.add(new Entry("dissatisfied.late-review", s.notReviewed(), c.caseNo(),
                    reasons.text("dissatisfied.no-review-no-time")));
        }
        boolean findingKnown = c.reviewFinding() != null && (c.reviewedAt() == NONE || c.reviewedAt() <= asOf);
        if (!findingKnown) {
            entries.add(new Entry("dissatisfied.not-carried-out", s.notCarriedOut(), c.caseNo(),
                    reasons.text("dissatisfied.no-finding", reasons.instant(asOf))));
        } else {
            boolean service = c.reviewFinding() == ReviewFinding.SERVICE_PROBLEM;
            long done = happened(service ? c.rehandledAt() : c.explainedAt());
            if (done == NONE) {
                entries.add(new Entry("dissatisfied.not-carried-out", s.notCarriedOut(), c.caseNo(),
                        reasons.text("dissatisfied.not-carried-out", reasons.text("finding." + c.reviewFinding().name()),
                                reasons.field(service ? "rehandled_at" : "explained_at"), reasons.instant(asOf))));
            }
        }
        return entries;
    }

    /**
     * How far before a complaint an earlier complaint can make it a repeat, in milliseconds (at least): a complaint
     * submitted this long or longer before every counted case is an earlier complaint of none of them.
     */
    long repeatReach() {
        long windowSeconds = items.repeat().window().getSeconds();
        return windowSeconds >= Long.MAX_VALUE / 2000 ? Long.MAX_VALUE : (windowSeconds + 1) * 1000;
    }

    /**
     * 2.4: marks repeat complaints — a COMPLAINT by the same citizen (phone) on the same topic as an earlier COMPLAINT
     * submitted strictly before it and at most the window before it — and, for 2.2's doubling, whether any of those
     * earlier complaints is itself late. {@code cases} are sorted by submission.
     *
     * <p>Only the cases from {@code from} to {@code to} (exclusive) are grouped: their marks are those of grouping all the
     * cases when no case before {@code from} is an earlier complaint of any case that counts (the range starts at least
     * {@link #repeatReach} before them); later cases never are.
     */
    void markRepeats(List<CaseRecord> cases, Facts[] facts, int from, int to) {
        long windowSeconds = items.repeat().window().getSeconds();
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = from; i < to; i++) {
            String key = facts[i].complaint ? facts[i].repeatKey : null;
            if (key == null) {
                continue;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
        }
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            int n = group.size();
            long[] times = new long[n];
            int[] lateBefore = new int[n + 1];
            for (int k = 0; k < n; k++) {
                times[k] = cases.get(group.get(k)).submittedAt();
                lateBefore[k + 1] = lateBefore[k] + (facts[group.get(k)].late ? 1 : 0);
            }
            int lo = 0;
            int hi = 0;
            for (int k = 0; k < n; k++) {
                long t = times[k];
                // at most the window before it, measured in whole seconds like every duration
                while (lo < n && seconds(t - times[lo]) > windowSeconds) {
                    lo++;
                }
                while (hi < n && times[hi] < t) {
                    hi++;
                }
                if (hi > lo) {
                    Facts f = facts[group.get(k)];
                    f.repeat = true;
                    if (lateBefore[hi] - lateBefore[lo] > 0) {
                        for (int j = lo; j < hi; j++) {
                            if (facts[group.get(j)].late) {
                                f.lateEarlier = cases.get(group.get(j)).caseNo();
                            }
                        }
                    }
                }
            }
        }
    }

    /** Makes the 2.2 loss, now that repeat complaints are known. */
    void finish(CaseRecord c, Facts f) {
        if (!f.late) {
            return;
        }
        Scheme.Timeliness s = items.timeliness();
        BigDecimal points = null;
        for (Scheme.Band band : s.bands()) {
            if (band.upTo() == null) {
                points = band.points();
                break;
            }
            int cmp = BigDecimal.valueOf(f.lateWorkingSeconds).compareTo(band.upTo().multiply(BigDecimal.valueOf(86_400)));
            if (band.includesUpTo() ? cmp <= 0 : cmp < 0) {
                points = band.points();
                break;
            }
        }
        boolean doubled = f.repeat && f.lateEarlier != null;
        if (doubled) {
            points = points.multiply(s.repeatMultiplier());
        }
        Scheme.Deadline deadline = s.deadlines().get(f.handlingClass);
        String limit = deadline.hours() != null ? reasons.duration(deadline.hours() * 3600L)
                : reasons.instant(f.deadline);
        BigDecimal workingDays = BigDecimal.valueOf(f.lateWorkingSeconds)
                .divide(BigDecimal.valueOf(86_400), 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        String basis = f.solutionRecorded ? "" : basis(NONE, f.solutionJudgedAt);
        String key = doubled ? "timeliness.late-doubled" : "timeliness.late";
        f.timeliness = new Entry("timeliness.late", points, c.caseNo(),
                reasons.text(key, reasons.text("class." + f.handlingClass),
                        reasons.duration(seconds(f.solutionJudgedAt - c.submittedAt())), limit,
                        workingDays.toPlainString(), basis, f.lateEarlier == null ? "" : f.lateEarlier));
    }

    /** The citizen's phone as compared for repeats (one definition: {@link PhoneNumbers#normalize(String)}). */
    static String normalizePhone(String phone) {
        return PhoneNumbers.normalize(phone);
    }
}
