package org.warmline.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Post;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CITIZEN_NAME;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DEMAND;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.EVALUATION_COMMENT;
import static org.warmline.ledger.CaseColumn.EXPLAINED_AT;
import static org.warmline.ledger.CaseColumn.HANDLER;
import static org.warmline.ledger.CaseColumn.OCCURRED_AT;
import static org.warmline.ledger.CaseColumn.RECORDED_AT;
import static org.warmline.ledger.CaseColumn.REHANDLED_AT;
import static org.warmline.ledger.CaseColumn.RESOLVED;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.REVIEW_FINDING;
import static org.warmline.ledger.CaseColumn.SITE_SURVEY;
import static org.warmline.ledger.CaseColumn.SOLUTION;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.SURVEYED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;
import static org.warmline.ledger.CaseColumn.UNIT;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;

/**
 * An independent, deliberately plain reading of docs/assessment.md sections 1-6 (with the readings of
 * docs/scheme-notes.md), used to cross-check the production engine. Written for obviousness, not speed: every subject
 * and period loops over all cases; all points are exact {@link Rational}s until a score is rounded.
 */
public final class ReferenceAssessment {

    /** One deduction or bonus line: rule, exact points, reference. */
    public record Line(String rule, Rational points, String ref) {
        @Override
        public String toString() {
            return rule + " " + points + " " + ref;
        }
    }

    public record ItemScore(ItemCode item, BigDecimal score, List<Line> deductions, List<Line> bonuses) {
    }

    public record Annual(BigDecimal monthlyMean, BigDecimal quarterlyMean, BigDecimal annualTotal,
                         BigDecimal finalScore) {
    }

    public record SubjectScore(String code, SubjectKind kind, BigDecimal total, String grade,
                               Map<ItemCode, ItemScore> items, Annual annual, List<BigDecimal> monthlyTotals,
                               List<BigDecimal> quarterlyTotals) {
    }

    public record Result(Period period, long asOf, Map<String, SubjectScore> subjects) {
    }

    private static final long SECOND = 1000L;
    private static final long DAY_SECONDS = 86_400L;

    private final Scheme scheme;
    private final WorkingCalendar calendar;

    public ReferenceAssessment(Scheme scheme, WorkingCalendar calendar) {
        this.scheme = scheme;
        this.calendar = calendar;
    }

    public Result assess(DataSet data, Period period, Instant asOf) {
        Run run = new Run(data, asOf.toEpochMilli());
        Map<String, SubjectScore> subjects = new LinkedHashMap<>();
        for (Subject subject : run.subjects()) {
            SubjectScore score = run.score(subject, period);
            if (period.kind() == Period.Kind.YEAR) {
                List<BigDecimal> monthly = new ArrayList<>();
                for (Period m : period.months()) {
                    monthly.add(run.score(subject, m).total());
                }
                List<BigDecimal> quarterly = new ArrayList<>();
                for (Period q : period.quarters()) {
                    quarterly.add(run.score(subject, q).total());
                }
                Rational monthlyMean = mean(monthly);
                Rational quarterlyMean = mean(quarterly);
                Rational annualTotal = Rational.of(score.total());
                Rational fin = Rational.of(scheme.annual().monthly()).times(monthlyMean)
                        .plus(Rational.of(scheme.annual().quarterly()).times(quarterlyMean))
                        .plus(Rational.of(scheme.annual().yearly()).times(annualTotal));
                BigDecimal finalScore = round(fin);
                Annual annual = new Annual(round(monthlyMean), round(quarterlyMean), score.total(), finalScore);
                score = new SubjectScore(score.code(), score.kind(), score.total(), scheme.grade(finalScore),
                        score.items(), annual, monthly, quarterly);
            }
            subjects.put(subject.code, score);
        }
        return new Result(period, asOf.toEpochMilli(), subjects);
    }

    private static Rational mean(List<BigDecimal> values) {
        Rational sum = Rational.ZERO;
        for (BigDecimal v : values) {
            sum = sum.plus(Rational.of(v));
        }
        return sum.dividedBy(Rational.of(values.size()));
    }

    private BigDecimal round(Rational value) {
        return value.round(scheme.rounding().scale(), scheme.rounding().mode());
    }

    // ------------------------------------------------------------------------------------------------------------

    private record Subject(String code, SubjectKind kind, boolean person) {
    }

    /** One computation as of one instant. */
    private final class Run {
        final DataSet data;
        final long asOf;
        final Map<String, Unit> units = new LinkedHashMap<>();
        final Map<String, Staff> staff = new LinkedHashMap<>();
        final String hq;

        Run(DataSet data, long asOf) {
            this.data = data;
            this.asOf = asOf;
            String hqCode = null;
            for (Unit u : data.units()) {
                units.put(u.code(), u);
                if (u.kind() == UnitKind.HQ_SERVICE) {
                    hqCode = u.code();
                }
            }
            for (Staff s : data.staff()) {
                staff.put(s.code(), s);
            }
            this.hq = hqCode;
        }

        List<Subject> subjects() {
            List<Subject> list = new ArrayList<>();
            for (Unit u : data.units()) {
                list.add(new Subject(u.code(), SubjectKind.valueOf(u.kind().name()), false));
            }
            for (Staff s : data.staff()) {
                list.add(new Subject(s.code(), SubjectKind.valueOf(s.post().name()), true));
            }
            return list;
        }

        // ---------------------------------------------------------------------------------------- time basics

        boolean happened(long t) {
            return t != Instants.NONE && t <= asOf;
        }

        /** A required instant filled in after as_of counts as empty. */
        long known(long t) {
            return happened(t) ? t : Instants.NONE;
        }

        boolean present(long t) {
            return t != Instants.NONE;
        }

        /** Whole seconds from one instant to another, fractions dropped; negative counts as zero. */
        long seconds(long from, long to) {
            long ms = to - from;
            return ms <= 0 ? 0 : ms / SECOND;
        }

        boolean dateHappened(LocalDate date) {
            return calendar.startOf(date) <= asOf;
        }

        boolean inPeriod(long instant, Period period) {
            return period.contains(calendar.date(instant));
        }

        // ---------------------------------------------------------------------------------------- org tree

        /** Whether unit {@code code} is {@code ancestor} or below it. */
        boolean atOrBelow(String code, String ancestor) {
            String c = code;
            int guard = 0;
            while (c != null && guard++ < 10_000) {
                if (c.equals(ancestor)) {
                    return true;
                }
                Unit u = units.get(c);
                c = u == null ? null : u.parent();
            }
            return false;
        }

        /** The accepting agent, if accepted_by names a staff member with post AGENT. */
        Staff agentOf(CaseRecord c) {
            Staff s = c.get(ACCEPTED_BY) == null ? null : staff.get(c.get(ACCEPTED_BY));
            return s != null && s.post() == Post.AGENT ? s : null;
        }

        /** Whether the agent belongs to the HQ_SERVICE unit (the agent's unit or an ancestor of it is the HQ). */
        boolean belongsToHq(Staff agent) {
            return agent != null && hq != null && agent.unit() != null && atOrBelow(agent.unit(), hq);
        }

        /** The responsible unit the case counts for: its own, or the HQ when unit-less and accepted by an HQ agent. */
        String unitOf(CaseRecord c) {
            if (c.get(UNIT) != null) {
                return c.get(UNIT);
            }
            if (scheme.unitlessCases().toHqWhenAgentBelongs() && belongsToHq(agentOf(c))) {
                return hq;
            }
            return null;
        }

        /** The subject's cases that exist at as_of and were submitted in the period. */
        List<CaseRecord> casesOf(Subject subject, Period period) {
            List<CaseRecord> list = new ArrayList<>();
            for (CaseRecord c : data.cases()) {
                if (!happened(c.at(SUBMITTED_AT)) || !inPeriod(c.at(SUBMITTED_AT), period)) {
                    continue;
                }
                if (subject.person) {
                    if (subject.code.equals(c.get(HANDLER))) {
                        list.add(c);
                    }
                } else {
                    String unit = unitOf(c);
                    if (unit != null && atOrBelow(unit, subject.code)) {
                        list.add(c);
                    }
                }
            }
            return list;
        }

        /** The cases whose acceptance timer counts for the subject (section 1, exception of 2.1). */
        List<CaseRecord> acceptedCasesOf(Subject subject, Period period) {
            List<CaseRecord> list = new ArrayList<>();
            for (CaseRecord c : data.cases()) {
                if (!happened(c.at(SUBMITTED_AT)) || !inPeriod(c.at(SUBMITTED_AT), period)) {
                    continue;
                }
                Staff agent = agentOf(c);
                if (agent == null) {
                    continue;
                }
                if (subject.person && subject.code.equals(agent.code())) {
                    list.add(c);
                } else if (!subject.person && subject.code.equals(hq) && belongsToHq(agent)) {
                    list.add(c);
                }
            }
            return list;
        }

        // ---------------------------------------------------------------------------------------- milestones

        /** milestones: 0 acceptance, 1 contact, 2 solution, 3 completion; the known instant or NONE. */
        long milestone(CaseRecord c, int index) {
            return switch (index) {
                case 0 -> present(known(c.at(DISPATCHED_AT))) ? known(c.at(DISPATCHED_AT)) : known(c.at(ACCEPTED_AT));
                case 1 -> known(c.at(CONTACTED_AT));
                case 2 -> known(c.at(SOLUTION_AT));
                case 3 -> known(c.at(COMPLETED_AT));
                default -> throw new IllegalArgumentException();
            };
        }

        /** The instant a milestone is judged at: itself, else the next one that happened, else as_of. */
        long judged(CaseRecord c, int index) {
            for (int i = index; i <= 3; i++) {
                long t = milestone(c, i);
                if (present(t)) {
                    return t;
                }
            }
            return asOf;
        }

        boolean evaluationKnown(CaseRecord c) {
            return c.get(EVALUATION) != null && (!present(c.at(EVALUATED_AT)) || c.at(EVALUATED_AT) <= asOf);
        }

        boolean completed(CaseRecord c) {
            return present(known(c.at(COMPLETED_AT)));
        }

        // ---------------------------------------------------------------------------------------- 2.2 helpers

        /** The 2.2 deadline of a case (epoch millis) or NONE when its class has no deadline. */
        long deadline(CaseRecord c) {
            String cls;
            if (c.is(COMPLEX)) {
                cls = "COMPLEX";
            } else if (c.get(CATEGORY) == null) {
                return Instants.NONE;
            } else {
                cls = c.get(CATEGORY).name();
            }
            Scheme.Deadline d = scheme.items().timeliness().deadlines().get(cls);
            if (d == null) {
                return Instants.NONE;
            }
            if (d.hours() != null) {
                return c.at(SUBMITTED_AT) + d.hours() * 3_600_000L;
            }
            return calendar.addWorkingMillis(c.at(SUBMITTED_AT), d.workingDays() * WorkingCalendar.DAY_MILLIS);
        }

        /** Whether the case is late on 2.2 as of as_of. */
        boolean lateOnTimeliness(CaseRecord c) {
            long deadline = deadline(c);
            return present(deadline) && seconds(deadline, judged(c, 2)) > 0;
        }

        /** The band loss of a late case (before doubling). */
        Rational bandLoss(CaseRecord c) {
            long deadline = deadline(c);
            long workingSeconds = calendar.workingMillisBetween(deadline, judged(c, 2)) / SECOND;
            Rational w = Rational.of(workingSeconds, DAY_SECONDS);
            for (Scheme.Band band : scheme.items().timeliness().bands()) {
                if (band.upTo() == null) {
                    return Rational.of(band.points());
                }
                int cmp = w.compareTo(Rational.of(band.upTo()));
                if (cmp < 0 || (cmp == 0 && band.includesUpTo())) {
                    return Rational.of(band.points());
                }
            }
            throw new IllegalStateException("no band for " + w);
        }

        // ---------------------------------------------------------------------------------------- 2.4 helpers

        String phoneKey(String phone) {
            if (phone == null) {
                return null;
            }
            StringBuilder digits = new StringBuilder();
            for (char ch : phone.toCharArray()) {
                if (ch >= '0' && ch <= '9') {
                    digits.append(ch);
                }
            }
            String d = digits.toString();
            if (d.isEmpty()) {
                return null;
            }
            if (d.startsWith("0086") && d.length() == 15 && d.charAt(4) == '1') {
                return d.substring(4);
            }
            if (d.startsWith("86") && d.length() == 13 && d.charAt(2) == '1') {
                return d.substring(2);
            }
            return d;
        }

        String topicKey(String topic) {
            return topic == null || topic.isBlank() ? null : topic.trim();
        }

        /** The earlier complaints that make a complaint a repeat (empty when it is not one). */
        List<CaseRecord> earlierComplaints(CaseRecord c) {
            List<CaseRecord> list = new ArrayList<>();
            if (c.get(CATEGORY) != Category.COMPLAINT) {
                return list;
            }
            String phone = phoneKey(c.get(CITIZEN_PHONE));
            String topic = topicKey(c.get(TOPIC));
            if (phone == null || topic == null) {
                return list;
            }
            long windowSeconds = scheme.items().repeat().window().getSeconds();
            for (CaseRecord e : data.cases()) {
                if (e == c || e.get(CATEGORY) != Category.COMPLAINT || !happened(e.at(SUBMITTED_AT))) {
                    continue;
                }
                if (!phone.equals(phoneKey(e.get(CITIZEN_PHONE))) || !topic.equals(topicKey(e.get(TOPIC)))) {
                    continue;
                }
                if (e.at(SUBMITTED_AT) < c.at(SUBMITTED_AT) && seconds(e.at(SUBMITTED_AT), c.at(SUBMITTED_AT)) <= windowSeconds) {
                    list.add(e);
                }
            }
            return list;
        }

        // ---------------------------------------------------------------------------------------- scoring

        SubjectScore score(Subject subject, Period period) {
            Scheme.SubjectSettings settings = scheme.subject(subject.kind);
            Map<ItemCode, ItemScore> items = new LinkedHashMap<>();
            Rational earned = Rational.ZERO;
            Rational maxSum = Rational.ZERO;
            List<CaseRecord> cases = casesOf(subject, period);
            for (String code : settings.items()) {
                ItemCode item = ItemCode.ofCode(code);
                List<Line> deductions = new ArrayList<>();
                List<Line> bonuses = new ArrayList<>();
                switch (item) {
                    case BASIC_INSTITUTION -> institution(subject, deductions);
                    case BASIC_LEDGER -> ledger(cases, deductions);
                    case BASIC_TRAINING -> training(subject, period, deductions);
                    case BASIC_EQUIPMENT -> equipment(subject, period, deductions);
                    case HANDLING_RESPONSE -> response(subject, period, cases, deductions);
                    case HANDLING_TIMELINESS -> timeliness(cases, deductions);
                    case HANDLING_RESOLUTION -> resolution(cases, deductions, bonuses);
                    case HANDLING_REPEAT -> repeat(cases, deductions, bonuses);
                    case SATISFACTION_COVERAGE -> coverage(cases, deductions);
                    case SATISFACTION_RESULT -> result(cases, deductions);
                    case SATISFACTION_DISSATISFIED -> dissatisfied(cases, deductions);
                    case KEYWORK_SPECIAL -> special(subject, period, deductions);
                    case KEYWORK_OTHER -> { }
                }
                adjustments(subject, period, item, deductions);
                Rational max = Rational.of(scheme.items().max(item));
                Rational cap = Rational.of(scheme.items().cap(item));
                Rational d = sum(deductions);
                Rational b = sum(bonuses);
                Rational exact = max.minus(d).max(Rational.ZERO).plus(b.min(cap)).min(max.plus(cap));
                BigDecimal score = round(exact);
                items.put(item, new ItemScore(item, score, deductions, bonuses));
                earned = earned.plus(Rational.of(score));
                maxSum = maxSum.plus(max);
            }
            Rational total = settings.normalise() ? earned.dividedBy(maxSum).times(Rational.of(100)) : earned;
            BigDecimal rounded = round(total);
            return new SubjectScore(subject.code, subject.kind, rounded, scheme.grade(rounded), items, null,
                    List.of(), List.of());
        }

        Rational sum(List<Line> lines) {
            Rational s = Rational.ZERO;
            for (Line l : lines) {
                s = s.plus(l.points());
            }
            return s;
        }

        // 1.1
        void institution(Subject subject, List<Line> out) {
            Scheme.Institution s = scheme.items().institution();
            Regulation row = null;
            String c = subject.code;
            while (c != null) {
                for (Regulation r : data.regulations()) {
                    if (r.unit().equals(c)) {
                        row = r;
                    }
                }
                if (row != null || !s.inheritFromAncestor()) {
                    break;
                }
                c = units.get(c) == null ? null : units.get(c).parent();
            }
            if (row == null) {
                out.add(new Line("institution.no-row", Rational.of(s.noRow()), subject.code));
                return;
            }
            if (!row.hasRegulation()) {
                out.add(new Line("institution.none", Rational.of(s.noRegulation()), row.unit()));
                return;
            }
            boolean[] elements = {row.classification(), row.authorityLevels(), row.escalation(), row.archiving()};
            String[] names = {"classification", "authority_levels", "escalation", "archiving"};
            for (int i = 0; i < 4; i++) {
                if (!elements[i]) {
                    out.add(new Line("institution.missing-element", Rational.of(s.missingElement()), names[i]));
                }
            }
        }

        boolean empty(String text) {
            return text == null || text.trim().isEmpty();
        }

        // 1.2
        void ledger(List<CaseRecord> cases, List<Line> out) {
            Scheme.Ledger s = scheme.items().ledger();
            Rational half = Rational.of(s.missingField());
            for (CaseRecord c : cases) {
                List<String> missing = new ArrayList<>();
                if (empty(c.get(CITIZEN_NAME))) missing.add("citizen_name");
                if (empty(c.get(CITIZEN_PHONE))) missing.add("citizen_phone");
                if (empty(c.get(ADDRESS))) missing.add("address");
                if (c.get(CATEGORY) == null) missing.add("category");
                if (empty(c.get(TOPIC))) missing.add("topic");
                if (empty(c.get(DEMAND))) missing.add("demand");
                if (!present(known(c.at(OCCURRED_AT)))) missing.add("occurred_at");
                boolean pastIntake = happened(c.at(DISPATCHED_AT)) || happened(c.at(CONTACTED_AT))
                        || happened(c.at(SOLUTION_AT)) || happened(c.at(COMPLETED_AT)) || evaluationKnown(c);
                if (pastIntake && !present(known(c.at(ACCEPTED_AT)))) missing.add("accepted_at");
                if (completed(c)) {
                    if (happened(c.at(DISPATCHED_AT)) && !present(known(c.at(CONTACTED_AT)))) missing.add("contacted_at");
                    if (empty(c.get(SOLUTION))) missing.add("solution");
                    if (!present(known(c.at(SOLUTION_AT)))) missing.add("solution_at");
                    if (c.is(SITE_SURVEY) && !present(known(c.at(SURVEYED_AT)))) missing.add("surveyed_at");
                }
                if (evaluationKnown(c) && empty(c.get(EVALUATION_COMMENT))) missing.add("evaluation_comment");
                for (String field : missing) {
                    out.add(new Line("ledger.missing-field", half, c.caseNo() + ":" + field));
                }
                if (present(c.at(RECORDED_AT))) {
                    long recorded = Math.min(c.at(RECORDED_AT), asOf);
                    if (seconds(c.at(SUBMITTED_AT), recorded) > s.recordingAllowance().getSeconds()) {
                        out.add(new Line("ledger.late-recording", Rational.of(s.lateRecording()), c.caseNo()));
                    }
                }
            }
        }

        // 1.3
        void training(Subject subject, Period period, List<Line> out) {
            List<Period> quarters = new ArrayList<>();
            switch (period.kind()) {
                case MONTH -> {
                    if (period.start().getMonthValue() % 3 == 0) {
                        quarters.add(Period.quarterOf(period.start()));
                    }
                }
                case QUARTER -> quarters.add(period);
                case YEAR -> quarters.addAll(period.quarters());
            }
            Scheme.Training s = scheme.items().training();
            for (Period q : quarters) {
                if (calendar.startOf(q.end()) > asOf) {
                    continue; // the quarter has not ended at as_of
                }
                List<Training> counted = new ArrayList<>();
                for (Training t : data.trainings()) {
                    boolean forUnit = t.unit().equals(subject.code)
                            || (s.countAncestorSessions() && atOrBelow(subject.code, t.unit()));
                    if (forUnit && q.contains(t.heldOn())) {
                        counted.add(t);
                    }
                }
                if (counted.isEmpty()) {
                    out.add(new Line("training.none", Rational.of(s.noSession()), q.label()));
                } else if (counted.stream().anyMatch(t -> !t.recordsComplete())) {
                    out.add(new Line("training.incomplete", Rational.of(s.incompleteRecords()), q.label()));
                }
            }
        }

        // 1.4
        void equipment(Subject subject, Period period, List<Line> out) {
            Scheme.Equipment s = scheme.items().equipment();
            for (Period month : period.months()) {
                List<Outage> inMonth = new ArrayList<>();
                for (Outage o : data.outages()) {
                    String owner = o.unit() != null ? o.unit() : hq;
                    if (subject.code.equals(owner) && happened(o.startedAt()) && inPeriod(o.startedAt(), month)) {
                        inMonth.add(o);
                    }
                }
                if (inMonth.size() >= s.frequentOutages()) {
                    out.add(new Line("equipment.frequent", Rational.of(s.frequentPoints()), month.label()));
                }
                for (Outage o : inMonth) {
                    long backup = known(o.backupStartedAt());
                    long until = present(backup) ? backup : asOf;
                    if (seconds(o.startedAt(), until) > s.backupAllowance().getSeconds()) {
                        out.add(new Line("equipment.late-backup", Rational.of(s.lateBackup()),
                                o.channel() + "@" + Instant.ofEpochMilli(o.startedAt())));
                    }
                }
            }
        }

        // 2.1
        void response(Subject subject, Period period, List<CaseRecord> cases, List<Line> out) {
            Scheme.Response s = scheme.items().response();
            for (CaseRecord c : acceptedCasesOf(subject, period)) {
                long d = seconds(c.at(SUBMITTED_AT), judged(c, 0)) - s.acceptance().allowance().getSeconds();
                if (d > 0) {
                    long steps = ceilDiv(d, s.acceptance().step().getSeconds());
                    out.add(new Line("response.acceptance", Rational.of(s.acceptance().points()).times(Rational.of(steps)),
                            c.caseNo()));
                }
            }
            for (CaseRecord c : cases) {
                if (!happened(c.at(DISPATCHED_AT))) {
                    continue;
                }
                long d = seconds(c.at(DISPATCHED_AT), judged(c, 1)) - s.contact().allowance().getSeconds();
                if (d > 0) {
                    long steps = ceilDiv(d, s.contact().step().getSeconds());
                    out.add(new Line("response.contact", Rational.of(s.contact().points()).times(Rational.of(steps)),
                            c.caseNo()));
                }
            }
        }

        long ceilDiv(long a, long b) {
            return (a + b - 1) / b;
        }

        // 2.2
        void timeliness(List<CaseRecord> cases, List<Line> out) {
            Scheme.Timeliness s = scheme.items().timeliness();
            for (CaseRecord c : cases) {
                if (!lateOnTimeliness(c)) {
                    continue;
                }
                Rational loss = bandLoss(c);
                boolean doubled = false;
                for (CaseRecord e : earlierComplaints(c)) {
                    if (lateOnTimeliness(e)) {
                        doubled = true;
                    }
                }
                if (doubled) {
                    loss = loss.times(Rational.of(s.repeatMultiplier()));
                }
                out.add(new Line(doubled ? "timeliness.late-repeat" : "timeliness.late", loss, c.caseNo()));
            }
        }

        // 2.3
        void resolution(List<CaseRecord> cases, List<Line> out, List<Line> bonuses) {
            Scheme.Resolution s = scheme.items().resolution();
            int judgedCount = 0;
            int resolved = 0;
            for (CaseRecord c : cases) {
                boolean done = completed(c);
                long deadline = deadline(c);
                boolean judgedCase = done || (present(deadline) && deadline < asOf);
                if (!judgedCase) {
                    continue;
                }
                judgedCount++;
                if (done && c.is(RESOLVED)) {
                    resolved++;
                }
            }
            if (judgedCount == 0) {
                return;
            }
            Rational rate = Rational.of(resolved * 100L, judgedCount);
            Rational floor = Rational.of(s.floorRate());
            if (rate.compareTo(floor) < 0) {
                out.add(new Line("resolution.low", floor.minus(rate).times(Rational.of(s.perPoint())),
                        resolved + "/" + judgedCount));
            }
            if (rate.compareTo(Rational.of(s.bonusRate())) >= 0) {
                bonuses.add(new Line("resolution.bonus", Rational.of(s.bonus()), resolved + "/" + judgedCount));
            }
        }

        // 2.4
        void repeat(List<CaseRecord> cases, List<Line> out, List<Line> bonuses) {
            Scheme.Repeat s = scheme.items().repeat();
            int complaints = 0;
            int repeats = 0;
            for (CaseRecord c : cases) {
                if (c.get(CATEGORY) != Category.COMPLAINT) {
                    continue;
                }
                complaints++;
                if (!earlierComplaints(c).isEmpty()) {
                    repeats++;
                }
            }
            if (complaints == 0) {
                return;
            }
            Rational rate = Rational.of(repeats * 100L, complaints);
            Rational ceiling = Rational.of(s.ceilingRate());
            if (rate.compareTo(ceiling) > 0) {
                out.add(new Line("repeat.high", rate.minus(ceiling).times(Rational.of(s.perPoint())),
                        repeats + "/" + complaints));
            }
            if (rate.compareTo(Rational.of(s.bonusRate())) <= 0) {
                bonuses.add(new Line("repeat.bonus", Rational.of(s.bonus()), repeats + "/" + complaints));
            }
        }

        // 3.1
        void coverage(List<CaseRecord> cases, List<Line> out) {
            Scheme.Coverage s = scheme.items().coverage();
            for (CaseRecord c : cases) {
                if (completed(c) && !evaluationKnown(c)) {
                    out.add(new Line("coverage.missing", Rational.of(s.missingEvaluation()), c.caseNo()));
                }
            }
        }

        // 3.2
        void result(List<CaseRecord> cases, List<Line> out) {
            Scheme.Result s = scheme.items().result();
            Rational weights = Rational.ZERO;
            int n = 0;
            for (CaseRecord c : cases) {
                if (!evaluationKnown(c)) {
                    continue;
                }
                n++;
                weights = weights.plus(Rational.of(s.weights().get(c.get(EVALUATION).name())));
            }
            if (n == 0) {
                return;
            }
            Rational index = weights.dividedBy(Rational.of(n)).times(Rational.of(s.scale()));
            Rational fullAt = Rational.of(s.fullAt());
            if (index.compareTo(fullAt) >= 0) {
                return;
            }
            if (index.compareTo(Rational.of(s.zeroBelow())) < 0) {
                out.add(new Line("result.zero", Rational.of(s.zeroLoss()), index.toString()));
                return;
            }
            Rational steps = Rational.of(new BigDecimal(fullAt.minus(index).dividedBy(Rational.of(s.step())).ceil()));
            out.add(new Line("result.low", Rational.of(s.perStep()).times(steps), index.toString()));
        }

        // 3.3
        void dissatisfied(List<CaseRecord> cases, List<Line> out) {
            Scheme.Dissatisfied s = scheme.items().dissatisfied();
            for (CaseRecord c : cases) {
                long when;
                if (present(c.at(UNSATISFIED_AT))) {
                    if (c.at(UNSATISFIED_AT) > asOf) {
                        continue;
                    }
                    when = c.at(UNSATISFIED_AT);
                } else if (c.get(EVALUATION) == EvaluationLevel.UNSATISFIED && evaluationKnown(c)) {
                    when = c.at(EVALUATED_AT); // may be NONE: no instant for the UNSATISFIED evaluation
                } else {
                    continue;
                }
                long reviewed = known(c.at(REVIEWED_AT));
                boolean findingKnown = c.get(REVIEW_FINDING) != null
                        && (!present(c.at(REVIEWED_AT)) || c.at(REVIEWED_AT) <= asOf);
                boolean notReviewed;
                if (present(when)) {
                    long until = present(reviewed) ? reviewed : asOf;
                    notReviewed = seconds(when, until) > s.reviewAllowance().getSeconds();
                } else {
                    notReviewed = !present(reviewed) && !findingKnown;
                }
                if (notReviewed) {
                    out.add(new Line("dissatisfied.not-reviewed", Rational.of(s.notReviewed()), c.caseNo()));
                }
                boolean carriedOut = findingKnown && (c.get(REVIEW_FINDING) == ReviewFinding.SERVICE_PROBLEM
                        ? happened(c.at(REHANDLED_AT)) : happened(c.at(EXPLAINED_AT)));
                if (!carriedOut) {
                    out.add(new Line("dissatisfied.not-carried-out", Rational.of(s.notCarriedOut()), c.caseNo()));
                }
            }
        }

        // 4.1
        void special(Subject subject, Period period, List<Line> out) {
            Scheme.Special s = scheme.items().special();
            LocalDate today = calendar.date(asOf);
            for (SpecialTask t : data.tasks()) {
                if (!t.unit().equals(subject.code) || !period.contains(t.dueDate())) {
                    continue;
                }
                boolean completedByAsOf = t.completedOn() != null && dateHappened(t.completedOn());
                boolean duePassed = dateHappened(t.dueDate().plusDays(1));
                if (!duePassed && !completedByAsOf) {
                    continue;
                }
                if (!t.planSubmitted()) {
                    out.add(new Line("special.no-plan", Rational.of(s.noPlan()), t.taskNo()));
                }
                LocalDate end = completedByAsOf ? t.completedOn() : today;
                long days = end.toEpochDay() - t.dueDate().toEpochDay();
                if (days > 0) {
                    out.add(new Line("special.late", Rational.of(s.perDayLate()).times(Rational.of(days)),
                            t.taskNo()));
                }
                if (Boolean.FALSE.equals(t.qualityOk())) {
                    out.add(new Line("special.poor-quality", Rational.of(s.poorQuality()), t.taskNo()));
                }
            }
        }

        // manual adjustments
        void adjustments(Subject subject, Period period, ItemCode item, List<Line> out) {
            for (Adjustment a : data.adjustments()) {
                if (!a.subject().equals(subject.code) || item != ItemCode.ofCode(a.item())) {
                    continue;
                }
                Period p = Period.parse(a.period(), scheme.yearStartMonth());
                if (p.kind() == period.kind() && p.start().equals(period.start()) && p.end().equals(period.end())) {
                    out.add(new Line("adjustment", Rational.of(a.points()).negate(), a.period() + "/" + a.assessor()));
                }
            }
        }
    }
}
