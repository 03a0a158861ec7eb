package org.warmline.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;

/**
 * What-if of one case (考核预演): what the engine deducts for one case, per subject it counts for, as of any instant,
 * and so what missing one of its timers would cost. The engine itself computes it: the case (with the citizen's earlier
 * cases, which 2.2 and 2.4 look at) is assessed alone, in the month of its submission, for the subjects it counts for
 * (docs/assessment.md section 1), and only the deductions that refer to the case are kept. No rule is repeated here.
 *
 * <p>Made once per scheme, calendar, language and organisation; thread-safe (every call is a computation of its own;
 * the calendar is only read).
 */
public final class CaseWhatIf {

    /** A timer of a case, as the desk's clocks run them, and the rule of the engine that deducts when it is missed. */
    public enum Timer {
        /** 2.1, from submission to acceptance. */
        ACCEPTANCE(HandlingResponse.LATE_ACCEPTANCE),
        /** 2.1, from dispatch to contact. */
        CONTACT(HandlingResponse.LATE_CONTACT),
        /** 2.2, from submission to the solution. */
        HANDLING(HandlingTimeliness.LATE),
        /** 3.3, from an UNSATISFIED evaluation to its review. */
        REVIEW(SatisfactionDissatisfied.LATE_REVIEW);

        private final String rule;

        Timer(String rule) {
            this.rule = rule;
        }

        /** The rule of the deduction a missed timer makes, e.g. {@code response.late-contact}. */
        public String rule() {
            return rule;
        }
    }

    /**
     * One deduction of the case for one subject.
     *
     * @param subject the unit or staff code
     * @param name    the subject's name
     * @param kind    what the subject is
     * @param item    the item deducted from
     * @param rule    the rule, e.g. {@code response.late-contact}
     * @param points  exact points
     * @param reason  the engine's reason, in the language of this what-if
     */
    public record Loss(String subject, String name, SubjectKind kind, ItemCode item, String rule, BigDecimal points,
                       String reason) {
    }

    private final AssessmentEngine engine;
    private final Organization org;
    private final ZoneId zone;

    /**
     * @param scheme the scheme of the periods the cases fall in (the version in force on their month's first day)
     * @param units  the organisation's units
     * @param staff  the organisation's staff
     */
    public CaseWhatIf(Scheme scheme, WorkingCalendar calendar, Locale locale, List<Unit> units, List<Staff> staff) {
        this.engine = new AssessmentEngine(scheme, calendar, locale);
        this.org = new Organization(new DataSet(units, staff, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of()));
        this.zone = ZoneId.of(scheme.zone());
    }

    /** The month a case falls in: that of its submission, in the scheme's zone. */
    public Period periodOf(CaseRecord c) {
        return Period.month(YearMonth.from(Instant.ofEpochMilli(c.at(SUBMITTED_AT)).atZone(zone)));
    }

    /**
     * Every deduction the engine makes of the case as of {@code asOf}, for each subject it counts for, in the month of
     * its submission: subjects in the engine's order (units, then people), each subject's deductions in item order.
     *
     * @param earlier the citizen's earlier cases (the repeat complaints of 2.4 and their lateness, which doubles 2.2);
     *                any other case given is harmless, the case itself among them is ignored
     */
    public List<Loss> losses(CaseRecord c, Collection<CaseRecord> earlier, Instant asOf) {
        Objects.requireNonNull(c.caseNo(), "caseNo");
        List<CaseRecord> cases = new ArrayList<>(earlier.size() + 1);
        for (CaseRecord e : earlier) {
            if (!c.caseNo().equals(e.caseNo())) {
                cases.add(e);
            }
        }
        cases.add(c);
        AssessmentResult result = engine.assessCase(org, cases, c.caseNo(), periodOf(c), asOf.toEpochMilli());
        List<Loss> out = new ArrayList<>();
        for (SubjectResult subject : result.subjects()) {
            subject.items().forEach((item, score) -> {
                for (Entry e : score.deductions()) {
                    if (c.caseNo().equals(e.ref()) && AssessmentEngine.refersToCase(e.rule())) {
                        out.add(new Loss(subject.code(), subject.name(), subject.kind(), item, e.rule(), e.points(),
                                e.reason()));
                    }
                }
            });
        }
        return List.copyOf(out);
    }

    /**
     * The timer's deductions if its milestone is recorded at {@code at}, as of {@code at}: acceptance (the dispatch,
     * which stamps the acceptance too when it has none), contact, solution or review. Whatever is recorded already stays.
     */
    public List<Loss> ifRecordedAt(CaseRecord c, Collection<CaseRecord> earlier, Timer timer, Instant at) {
        return ifRecordedAt(c, earlier, timer, at, null);
    }

    /**
     * As {@link #ifRecordedAt(CaseRecord, Collection, Timer, Instant)}; an acceptance of a case nobody has accepted
     * yet is taken as {@code acceptor}'s (a staff code; null: nobody's, so it counts for no one).
     */
    public List<Loss> ifRecordedAt(CaseRecord c, Collection<CaseRecord> earlier, Timer timer, Instant at,
                                   String acceptor) {
        long t = at.toEpochMilli();
        CaseRecord hypothetical = switch (timer) {
            case ACCEPTANCE -> {
                if (c.has(DISPATCHED_AT)) {
                    yield c;
                }
                CaseRecord.Builder accepted = c.toBuilder().at(DISPATCHED_AT, t);
                if (!c.has(ACCEPTED_AT)) {
                    accepted.at(ACCEPTED_AT, t);
                }
                if (c.get(ACCEPTED_BY) == null && acceptor != null) {
                    accepted.set(ACCEPTED_BY, acceptor);
                }
                yield accepted.build();
            }
            case CONTACT -> c.has(CONTACTED_AT) ? c : c.toBuilder().at(CONTACTED_AT, t).build();
            case HANDLING -> c.has(SOLUTION_AT) ? c : c.toBuilder().at(SOLUTION_AT, t).build();
            case REVIEW -> c.has(REVIEWED_AT) ? c : c.toBuilder().at(REVIEWED_AT, t).build();
        };
        return losses(hypothetical, earlier, at).stream().filter(l -> l.rule().equals(timer.rule())).toList();
    }

    /**
     * The running timers of a case read as of {@code now}, in the order given. For a timer whose deadline is ahead,
     * what missing it would cost: its deductions if its milestone comes one second after the deadline (late is
     * strictly after it, in whole seconds), as of then, less its deductions as of {@code now}, per subject, when
     * positive. For a timer already late, what it has cost so far: its deductions if its milestone is recorded now (a
     * late acceptance costs only once the case is dispatched; every late timer may cost more the longer it runs).
     *
     * @param deadlines the deadline of each running timer
     * @param earlier   as for {@link #losses}
     */
    public List<TimerReading> read(CaseRecord c, Collection<CaseRecord> earlier, Map<Timer, Instant> deadlines,
                                   Instant now) {
        return read(c, earlier, deadlines, now, null);
    }

    /**
     * As {@link #read(CaseRecord, Collection, Map, Instant)}; the acceptance of a case nobody has accepted yet taken as
     * {@code acceptor}'s (e.g. the agent who looks at it: what it would cost them to accept it late).
     */
    public List<TimerReading> read(CaseRecord c, Collection<CaseRecord> earlier, Map<Timer, Instant> deadlines,
                                   Instant now, String acceptor) {
        List<Loss> asNow = losses(c, earlier, now);
        List<TimerReading> out = new ArrayList<>();
        deadlines.forEach((timer, deadline) -> {
            if (!deadline.isAfter(now)) {
                out.add(new TimerReading(timer, deadline, true, ifRecordedAt(c, earlier, timer, now, acceptor)));
                return;
            }
            List<Loss> more = new ArrayList<>();
            for (Loss loss : ifRecordedAt(c, earlier, timer, deadline.plusSeconds(1), acceptor)) {
                BigDecimal was = asNow.stream()
                        .filter(b -> b.rule().equals(timer.rule()) && b.subject().equals(loss.subject()))
                        .map(Loss::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal difference = loss.points().subtract(was);
                if (difference.signum() > 0) {
                    more.add(new Loss(loss.subject(), loss.name(), loss.kind(), loss.item(), loss.rule(), difference,
                            loss.reason()));
                }
            }
            out.add(new TimerReading(timer, deadline, false, List.copyOf(more)));
        });
        return List.copyOf(out);
    }

    /**
     * One running timer of a case, read as of an instant.
     *
     * @param late   whether its deadline has passed
     * @param losses late: what it has cost so far; not late: what missing it would cost (points at stake)
     */
    public record TimerReading(Timer timer, Instant deadline, boolean late, List<Loss> losses) {

        /** The points of the losses of one subject. */
        public BigDecimal pointsOf(String subject) {
            return losses.stream().filter(l -> l.subject().equals(subject)).map(Loss::points)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
