package org.warmline.assessment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

import static org.warmline.ledger.Instants.NONE;

/**
 * The assessment engine (考核计算): scores a data set for a period as of an instant with a scheme, exactly as
 * spec/assessment.md says, for every unit and every person of the data set, and explains every point lost or won.
 *
 * <p>Facts of a case (its timers, its deadline, whether it is a repeat complaint, …) do not depend on who is assessed
 * or on the period, so they are judged once per case; each case then counts for its subjects in the periods that hold
 * its submission. Everything is sorted by stable keys first, so the order of the rows never matters. Plain Java: no
 * Spring, no database.
 */
public final class AssessmentEngine {

    static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int WARNING_LIMIT = 200;
    private static final int ITEM_CODES = ItemCode.values().length;
    /** From this many cases on, the cases are judged in two threads. */
    private static final int PARALLEL_CASES = 20_000;

    private final Scheme scheme;
    private final Scheme.Items items;
    private final WorkingCalendar calendar;
    private final Locale locale;
    private final ZoneId zone;

    public AssessmentEngine(Scheme scheme, WorkingCalendar calendar, Locale locale) {
        this.scheme = scheme;
        this.items = scheme.items();
        this.calendar = calendar;
        this.locale = locale;
        this.zone = ZoneId.of(scheme.zone());
    }

    public Scheme scheme() {
        return scheme;
    }

    /** Assesses every subject of the data set for the period, as of {@code asOf}. */
    public AssessmentResult assess(DataSet data, Period period, Instant asOf) {
        return new Run(data, period, asOf.toEpochMilli()).result();
    }

    /** One computation: a data set, a period and an instant. */
    private final class Run {

        private final DataSet data;
        private final Period period;
        private final long asOf;
        private final Reasons reasons;
        private final Organization org;
        private final List<Period> periods = new ArrayList<>();
        private final Map<String, int[]> periodsByMonth = new HashMap<>();
        /** For each period computed, the indexes of the months whose tallies make up its tally, or null. */
        private final int[][] parts;
        private final List<Subject> subjects = new ArrayList<>();
        private final Map<String, Subject> subjectsByCode = new HashMap<>();
        private final Warnings warnings;
        private long lastDay = Long.MIN_VALUE;
        private int[] lastPeriodIndexes;

        Run(DataSet data, Period period, long asOf) {
            this.data = data;
            this.period = period;
            this.asOf = asOf;
            this.reasons = new Reasons(locale, zone);
            this.org = new Organization(data);
            this.warnings = new Warnings(reasons);
            if (period.kind() == Period.Kind.YEAR) {
                periods.addAll(period.months());
                periods.addAll(period.quarters());
            }
            periods.add(period);
            // for a year, cases are counted in the months only; a quarter's and the year's tallies are their months'
            // tallies joined in order (cases come sorted by submission, so that is the order of counting them)
            parts = new int[periods.size()][];
            if (period.kind() == Period.Kind.YEAR) {
                Map<String, Integer> monthIndexes = new HashMap<>();
                for (int i = 0; i < periods.size(); i++) {
                    if (periods.get(i).kind() == Period.Kind.MONTH) {
                        monthIndexes.put(periods.get(i).label(), i);
                    }
                }
                for (int i = 0; i < periods.size(); i++) {
                    if (periods.get(i).kind() != Period.Kind.MONTH) {
                        List<Period> months = periods.get(i).months();
                        int[] indexes = new int[months.size()];
                        for (int k = 0; k < indexes.length; k++) {
                            indexes[k] = monthIndexes.get(months.get(k).label());
                        }
                        parts[i] = indexes;
                    }
                }
            }
            for (int i = 0; i < periods.size(); i++) {
                if (parts[i] != null) {
                    continue;
                }
                for (Period month : periods.get(i).months()) {
                    int index = i;
                    periodsByMonth.merge(month.label(), new int[] {index}, (a, b) -> {
                        int[] c = Arrays.copyOf(a, a.length + 1);
                        c[a.length] = index;
                        return c;
                    });
                }
            }
        }

        AssessmentResult result() {
            calendar.clearYearsWithoutSchedule();
            createSubjects();
            List<CaseRecord> cases = submittedSorted(data.cases());
            CaseJudge judge = new CaseJudge(scheme, calendar, reasons, asOf);
            CaseJudge.Facts[] facts = new CaseJudge.Facts[cases.size()];
            boolean[] inconsistent = new boolean[cases.size()];
            int[][] periodIndexes = new int[cases.size()][];
            for (int i = 0; i < cases.size(); i++) {
                periodIndexes[i] = periodIndexes(cases.get(i));
            }
            // the complaints that can make a counted case a repeat: from the repeat window before the first counted
            // case to the last counted case (a period's cases are together, since the cases are sorted)
            int firstCounted = -1;
            int lastCounted = -1;
            for (int i = 0; i < cases.size(); i++) {
                if (periodIndexes[i] != null) {
                    if (firstCounted < 0) {
                        firstCounted = i;
                    }
                    lastCounted = i;
                }
            }
            int repeatsFrom = Math.max(firstCounted, 0);
            if (firstCounted >= 0) {
                long first = cases.get(firstCounted).submittedAt();
                long reach = judge.repeatReach();
                long since = first < Long.MIN_VALUE + reach ? Long.MIN_VALUE : first - reach;
                while (repeatsFrom > 0 && cases.get(repeatsFrom - 1).submittedAt() >= since) {
                    repeatsFrom--;
                }
            }
            int repeatsTo = lastCounted + 1;
            int fromRepeats = repeatsFrom;
            CaseJudge other = new CaseJudge(scheme, calendar, new Reasons(locale, zone), asOf);
            inTwo(judge, other, cases.size(), (j, from, to) -> {
                for (int i = from; i < to; i++) {
                    CaseRecord c = cases.get(i);
                    facts[i] = periodIndexes[i] != null ? j.judge(c)
                            : j.judgeUncounted(c, i >= fromRepeats && i < repeatsTo);
                    // only the period's cases are warned about, as the live assessment reads only those
                    inconsistent[i] = periodIndexes[i] != null && Warnings.inconsistent(c);
                }
            });
            judge.markRepeats(cases, facts, repeatsFrom, repeatsTo);
            inTwo(judge, other, cases.size(), (j, from, to) -> {
                for (int i = from; i < to; i++) {
                    if (periodIndexes[i] != null) {
                        j.finish(cases.get(i), facts[i]);
                    }
                }
            });
            for (int i = 0; i < cases.size(); i++) {
                CaseRecord c = cases.get(i);
                if (inconsistent[i]) {
                    warnings.checkConsistency(c);
                }
                if (periodIndexes[i] != null) {
                    count(c, facts[i], periodIndexes[i]);
                }
            }
            List<SubjectResult> results = new ArrayList<>();
            for (Subject subject : subjects) {
                results.add(finish(subject));
            }
            for (Integer year : calendar.yearsWithoutSchedule()) {
                warnings.add("no-schedule", reasons.text("warning.no-schedule", year));
            }
            return new AssessmentResult(period, Instant.ofEpochMilli(asOf).atZone(zone).toOffsetDateTime(),
                    scheme.version(), warnings.list(), List.copyOf(results));
        }

        /**
         * The cases submitted by {@code asOf}, sorted by submission and case number. A ledger usually comes sorted
         * already: then one pass checks it and nothing is sorted (a stable sort would keep that order anyway).
         */
        private List<CaseRecord> submittedSorted(List<CaseRecord> all) {
            List<CaseRecord> cases = new ArrayList<>(all.size());
            boolean sorted = true;
            CaseRecord last = null;
            for (CaseRecord c : all) {
                if (c.submittedAt() <= asOf) {
                    if (sorted && last != null && (c.submittedAt() < last.submittedAt()
                            || (c.submittedAt() == last.submittedAt() && c.caseNo().compareTo(last.caseNo()) < 0))) {
                        sorted = false;
                    }
                    cases.add(c);
                    last = c;
                }
            }
            if (!sorted) {
                cases.sort(Comparator.comparingLong(CaseRecord::submittedAt).thenComparing(CaseRecord::caseNo));
            }
            return Collections.unmodifiableList(cases);
        }

        /** Work on a range of cases with a judge of its own. */
        private interface RangeWork {
            void run(CaseJudge judge, int from, int to);
        }

        /**
         * Runs work over the cases: many cases in two threads (halves), each with a judge and reasons of its own (the
         * calendar is safe to share). The work on a case touches that case's facts only.
         */
        private void inTwo(CaseJudge judge, CaseJudge other, int n, RangeWork work) {
            if (n < PARALLEL_CASES || Runtime.getRuntime().availableProcessors() < 2) {
                work.run(judge, 0, n);
                return;
            }
            int half = n / 2;
            Throwable[] failure = new Throwable[1];
            Thread thread = new Thread(() -> {
                try {
                    work.run(other, half, n);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }, "assessment-judge");
            thread.setDaemon(true);
            thread.start();
            try {
                work.run(judge, 0, half);
            } finally {
                boolean interrupted = false;
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            } else if (failure[0] instanceof Error e) {
                throw e;
            } else if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
        }

        private void createSubjects() {
            List<Unit> units = new ArrayList<>(data.units());
            units.sort(Comparator.comparing((Unit u) -> SubjectKind.valueOf(u.kind().name())).thenComparing(Unit::code));
            for (Unit unit : units) {
                add(new Subject(unit.code(), unit.name(), SubjectKind.valueOf(unit.kind().name()), true));
            }
            List<Staff> staff = new ArrayList<>(data.staff());
            staff.sort(Comparator.comparing((Staff s) -> SubjectKind.valueOf(s.post().name())).thenComparing(Staff::code));
            for (Staff person : staff) {
                add(new Subject(person.code(), person.name(), SubjectKind.valueOf(person.post().name()), false));
            }
        }

        private void add(Subject subject) {
            subject.tallies = new Tally[periods.size()];
            for (int i = 0; i < periods.size(); i++) {
                subject.tallies[i] = new Tally();
            }
            subjects.add(subject);
            subjectsByCode.put(subject.code, subject);
        }

        /** Counts one case for its subjects in the periods that hold its submission. */
        /** The indexes of the periods computed that hold the case's submission, or null. */
        private int[] periodIndexes(CaseRecord c) {
            long day = calendar.epochDay(c.submittedAt());
            if (day != lastDay) { // cases come sorted by submission: look the month up once per day
                lastDay = day;
                lastPeriodIndexes = periodsByMonth.get(LocalDate.ofEpochDay(day).toString().substring(0, 7));
            }
            return lastPeriodIndexes;
        }

        private void count(CaseRecord c, CaseJudge.Facts f, int[] periodIndexes) {
            String unit = c.unit();
            if (unit == null) {
                String hqOfAgent = org.hqOfAgent(c.acceptedBy());
                if (hqOfAgent != null && scheme.unitlessCases().toHqWhenAgentBelongs()) {
                    unit = hqOfAgent;
                } else {
                    warnings.add("no-unit", reasons.text("warning.no-unit", c.caseNo()));
                }
            }
            for (String code : org.chain(unit)) {
                countFor(subjectsByCode.get(code), f, periodIndexes);
            }
            if (c.handler() != null && org.staff(c.handler()) != null) {
                countFor(subjectsByCode.get(c.handler()), f, periodIndexes);
            }
            if (f.acceptance != null && org.isAgent(c.acceptedBy())) {
                addAcceptance(subjectsByCode.get(c.acceptedBy()), f.acceptance, periodIndexes);
                String hq = org.hqOfAgent(c.acceptedBy());
                if (hq != null) {
                    addAcceptance(subjectsByCode.get(hq), f.acceptance, periodIndexes);
                }
            }
        }

        private void addAcceptance(Subject subject, Entry entry, int[] periodIndexes) {
            if (subject == null) {
                return;
            }
            for (int p : periodIndexes) {
                subject.tallies[p].deduct(ItemCode.HANDLING_RESPONSE, entry);
            }
        }

        private void countFor(Subject subject, CaseJudge.Facts f, int[] periodIndexes) {
            if (subject == null) {
                return;
            }
            for (int p : periodIndexes) {
                Tally t = subject.tallies[p];
                for (Entry e : f.ledger) {
                    t.deduct(ItemCode.BASIC_LEDGER, e);
                }
                if (f.contact != null) {
                    t.deduct(ItemCode.HANDLING_RESPONSE, f.contact);
                }
                if (f.timeliness != null) {
                    t.deduct(ItemCode.HANDLING_TIMELINESS, f.timeliness);
                }
                if (f.judged) {
                    t.judged++;
                    if (f.resolved) {
                        t.resolved++;
                    }
                }
                if (f.complaint) {
                    t.complaints++;
                    if (f.repeat) {
                        t.repeats++;
                    }
                }
                if (f.coverage != null) {
                    t.deduct(ItemCode.SATISFACTION_COVERAGE, f.coverage);
                }
                if (f.level != null) {
                    t.evaluations++;
                    switch (f.level) {
                        case SATISFIED -> t.satisfied++;
                        case BASIC -> t.basic++;
                        case UNSATISFIED -> t.unsatisfied++;
                    }
                    if (f.evaluationChannel == EvaluationChannel.PHONE) {
                        t.phone++;
                    } else if (f.evaluationChannel == EvaluationChannel.ONLINE) {
                        t.online++;
                    }
                }
                for (Entry e : f.dissatisfied) {
                    t.deduct(ItemCode.SATISFACTION_DISSATISFIED, e);
                }
            }
        }

        private SubjectResult finish(Subject subject) {
            for (int p = 0; p < periods.size(); p++) {
                if (parts[p] != null) {
                    subject.tallies[p] = Tally.joined(subject.tallies, parts[p]);
                }
            }
            Scheme.SubjectSettings settings = scheme.subject(subject.kind);
            List<ItemCode> applicable = settings.items().stream().map(ItemCode::ofCode).toList();
            int main = periods.size() - 1;
            BigDecimal[] totals = new BigDecimal[periods.size()];
            Map<ItemCode, ItemResult> mainItems = null;
            for (int p = 0; p < periods.size(); p++) {
                Map<ItemCode, ItemResult> scored = score(subject, applicable, periods.get(p), subject.tallies[p]);
                totals[p] = total(scored, settings.normalise());
                if (p == main) {
                    mainItems = scored;
                }
            }
            BigDecimal total = totals[main];
            AnnualFigures annual = null;
            List<SubjectResult.PeriodTotal> monthly = new ArrayList<>();
            List<SubjectResult.PeriodTotal> quarterly = new ArrayList<>();
            String grade = scheme.grade(total);
            if (period.kind() == Period.Kind.YEAR) {
                BigDecimal monthSum = BigDecimal.ZERO;
                BigDecimal quarterSum = BigDecimal.ZERO;
                int months = 0;
                int quarters = 0;
                for (int p = 0; p < main; p++) {
                    Period inner = periods.get(p);
                    if (inner.kind() == Period.Kind.MONTH) {
                        monthSum = monthSum.add(totals[p]);
                        months++;
                        monthly.add(new SubjectResult.PeriodTotal(inner.label(), totals[p]));
                    } else {
                        quarterSum = quarterSum.add(totals[p]);
                        quarters++;
                        quarterly.add(new SubjectResult.PeriodTotal(inner.label(), totals[p]));
                    }
                }
                BigDecimal monthlyMean = monthSum.divide(BigDecimal.valueOf(months), EXACT);
                BigDecimal quarterlyMean = quarterSum.divide(BigDecimal.valueOf(quarters), EXACT);
                Scheme.AnnualWeights w = scheme.annual();
                BigDecimal composite = w.monthly().multiply(monthlyMean).add(w.quarterly().multiply(quarterlyMean))
                        .add(w.yearly().multiply(total));
                BigDecimal finalScore = round(composite);
                annual = new AnnualFigures(round(monthlyMean), round(quarterlyMean), total, finalScore);
                grade = scheme.grade(finalScore);
            }
            return new SubjectResult(subject.code, subject.name, subject.kind, total, grade, mainItems, annual,
                    List.copyOf(monthly), List.copyOf(quarterly));
        }

        private BigDecimal total(Map<ItemCode, ItemResult> scored, boolean normalise) {
            BigDecimal earned = BigDecimal.ZERO;
            BigDecimal max = BigDecimal.ZERO;
            for (ItemResult item : scored.values()) {
                earned = earned.add(item.score());
                max = max.add(item.max());
            }
            if (normalise && max.signum() > 0) {
                return round(earned.multiply(HUNDRED).divide(max, EXACT));
            }
            return round(earned);
        }

        private Map<ItemCode, ItemResult> score(Subject subject, List<ItemCode> applicable, Period p, Tally t) {
            Map<ItemCode, ItemResult> result = new LinkedHashMap<>();
            for (ItemCode item : applicable) {
                List<Entry> deductions = t.takeDeductions(item);
                List<Entry> bonuses = new ArrayList<>();
                Map<String, Object> figures = new LinkedHashMap<>();
                switch (item) {
                    case BASIC_INSTITUTION -> institution(subject, deductions);
                    case BASIC_TRAINING -> training(subject, p, deductions);
                    case BASIC_EQUIPMENT -> equipment(subject, p, deductions);
                    case HANDLING_RESOLUTION -> resolution(t, p, deductions, bonuses, figures);
                    case HANDLING_REPEAT -> repeat(t, p, deductions, bonuses, figures);
                    case SATISFACTION_COVERAGE -> coverage(t, figures);
                    case SATISFACTION_RESULT -> satisfaction(t, p, deductions, figures);
                    case KEYWORK_SPECIAL -> special(subject, p, deductions);
                    default -> {
                    }
                }
                adjustments(subject, p, item, deductions);
                result.put(item, item(item, deductions, bonuses, figures));
            }
            return result;
        }

        private ItemResult item(ItemCode code, List<Entry> deductions, List<Entry> bonuses, Map<String, Object> figures) {
            BigDecimal max = items.max(code);
            BigDecimal cap = items.cap(code);
            BigDecimal lost = sum(deductions);
            BigDecimal won = BigDecimal.ZERO;
            for (Entry e : bonuses) {
                won = won.add(e.points());
            }
            BigDecimal score = max.subtract(lost).max(BigDecimal.ZERO).add(won.min(cap)).min(max.add(cap));
            return new ItemResult(code, round(score), max, cap, List.copyOf(deductions), List.copyOf(bonuses),
                    java.util.Collections.unmodifiableMap(figures));
        }

        /**
         * The exact sum of the points. Most entries of a subject share the very same points object (a constant of the
         * scheme), so each run of one object is added as points × count: the same exact value and scale as adding
         * the entries one by one, with far fewer additions.
         */
        private static BigDecimal sum(List<Entry> entries) {
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal run = null;
            long count = 0;
            for (Entry e : entries) {
                BigDecimal points = e.points();
                if (points == run) {
                    count++;
                    continue;
                }
                if (run != null) {
                    total = total.add(count == 1 ? run : run.multiply(BigDecimal.valueOf(count)));
                }
                run = points;
                count = 1;
            }
            if (run != null) {
                total = total.add(count == 1 ? run : run.multiply(BigDecimal.valueOf(count)));
            }
            return total;
        }

        // 1.1 制度建设
        private void institution(Subject subject, List<Entry> out) {
            Scheme.Institution s = items.institution();
            Regulation row = null;
            List<String> chain = org.chain(subject.code);
            for (int i = 0; i < chain.size() && row == null; i++) {
                if (i > 0 && !s.inheritFromAncestor()) {
                    break;
                }
                row = regulationOf(chain.get(i));
            }
            if (row == null) {
                out.add(new Entry("institution.no-row", s.noRow(), subject.code,
                        reasons.text("institution.no-row", subject.code)));
                return;
            }
            if (!row.hasRegulation()) {
                out.add(new Entry("institution.no-regulation", s.noRegulation(), row.unit(),
                        reasons.text("institution.no-regulation", subject.code, row.unit())));
                return;
            }
            boolean[] present = {row.classification(), row.authorityLevels(), row.escalation(), row.archiving()};
            String[] names = {"classification", "authority_levels", "escalation", "archiving"};
            for (int i = 0; i < names.length; i++) {
                if (!present[i]) {
                    out.add(new Entry("institution.missing-element", s.missingElement(), row.unit(),
                            reasons.text("institution.missing-element", reasons.text("element." + names[i]), row.unit())));
                }
            }
        }

        private Map<String, Regulation> regulations;

        private Regulation regulationOf(String unit) {
            if (regulations == null) {
                regulations = new HashMap<>();
                for (Regulation r : data.regulations()) {
                    regulations.putIfAbsent(r.unit(), r);
                }
            }
            return regulations.get(unit);
        }

        // 1.3 人员培训
        private void training(Subject subject, Period p, List<Entry> out) {
            Scheme.Training s = items.training();
            List<Period> quarters = switch (p.kind()) {
                case MONTH -> p.start().getMonthValue() % 3 == 0 ? List.of(Period.quarterOf(p.start())) : List.of();
                case QUARTER -> List.of(p);
                case YEAR -> p.quarters();
            };
            List<String> counted = s.countAncestorSessions() ? org.chain(subject.code) : List.of(subject.code);
            for (Period quarter : quarters) {
                if (calendar.startOf(quarter.end()) > asOf) {
                    continue;
                }
                List<Training> sessions = data.trainings().stream()
                        .filter(tr -> counted.contains(tr.unit()) && quarter.contains(tr.heldOn()))
                        .sorted(Comparator.comparing(Training::heldOn).thenComparing(Training::unit)
                                .thenComparing(tr -> tr.title() == null ? "" : tr.title()))
                        .toList();
                if (sessions.isEmpty()) {
                    out.add(new Entry("training.no-session", s.noSession(), quarter.label(),
                            reasons.text("training.no-session", subject.code, quarter.label())));
                    continue;
                }
                for (Training session : sessions) {
                    if (!session.recordsComplete()) {
                        List<String> missing = new ArrayList<>();
                        if (!session.signIn()) {
                            missing.add(reasons.text("record.sign_in"));
                        }
                        if (!session.courseware()) {
                            missing.add(reasons.text("record.courseware"));
                        }
                        if (!session.photos()) {
                            missing.add(reasons.text("record.photos"));
                        }
                        out.add(new Entry("training.incomplete-records", s.incompleteRecords(), quarter.label(),
                                reasons.text("training.incomplete-records",
                                        session.title() == null ? "" : session.title(), session.heldOn(),
                                        String.join(", ", missing))));
                        break;
                    }
                }
            }
        }

        // 1.4 设备保障
        private void equipment(Subject subject, Period p, List<Entry> out) {
            Scheme.Equipment s = items.equipment();
            Map<String, List<Outage>> byMonth = new java.util.TreeMap<>();
            for (Outage o : data.outages()) {
                String owner = o.unit() != null ? o.unit() : org.hq();
                if (owner == null && o.unit() == null) {
                    warnings.add("no-hq", reasons.text("warning.no-hq",
                            (o.channel() == null ? "" : o.channel() + " ") + reasons.instant(o.startedAt())));
                }
                if (!subject.code.equals(owner) || o.startedAt() > asOf) {
                    continue;
                }
                LocalDate started = calendar.date(o.startedAt());
                if (p.contains(started)) {
                    byMonth.computeIfAbsent(started.toString().substring(0, 7), k -> new ArrayList<>()).add(o);
                }
            }
            long allowance = s.backupAllowance().getSeconds();
            for (Map.Entry<String, List<Outage>> month : byMonth.entrySet()) {
                List<Outage> outages = new ArrayList<>(month.getValue());
                outages.sort(Comparator.comparingLong(Outage::startedAt)
                        .thenComparing(o -> o.channel() == null ? "" : o.channel())
                        .thenComparingLong(Outage::backupStartedAt));
                if (outages.size() >= s.frequentOutages()) {
                    out.add(new Entry("equipment.frequent-outages", s.frequentPoints(), month.getKey(),
                            reasons.text("equipment.frequent-outages", outages.size(), month.getKey(), s.frequentOutages())));
                }
                for (Outage o : outages) {
                    long backup = o.backupStartedAt() != NONE && o.backupStartedAt() <= asOf ? o.backupStartedAt() : NONE;
                    long waited = seconds((backup != NONE ? backup : asOf) - o.startedAt());
                    if (waited > allowance) {
                        String key = backup != NONE ? "equipment.late-backup" : "equipment.late-backup-missing";
                        out.add(new Entry("equipment.late-backup", s.lateBackup(),
                                (o.channel() == null ? "" : o.channel() + " ") + reasons.instant(o.startedAt()),
                                reasons.text(key, o.channel() == null ? "" : o.channel(), reasons.instant(o.startedAt()),
                                        reasons.duration(waited), reasons.duration(allowance))));
                    }
                }
            }
        }

        // 2.3 解决率
        private void resolution(Tally t, Period p, List<Entry> out, List<Entry> bonuses, Map<String, Object> figures) {
            Scheme.Resolution s = items.resolution();
            figures.put("judged", t.judged);
            figures.put("resolved", t.resolved);
            if (t.judged == 0) {
                return;
            }
            BigDecimal judged = BigDecimal.valueOf(t.judged);
            BigDecimal resolvedTimes100 = BigDecimal.valueOf(t.resolved).multiply(HUNDRED);
            BigDecimal rate = resolvedTimes100.divide(judged, EXACT);
            figures.put("rate", round(rate));
            if (resolvedTimes100.compareTo(s.floorRate().multiply(judged)) < 0) {
                out.add(new Entry("resolution.below-floor", s.floorRate().subtract(rate).multiply(s.perPoint()), p.label(),
                        reasons.text("resolution.below-floor", round(rate), t.resolved, t.judged, s.floorRate())));
            }
            if (resolvedTimes100.compareTo(s.bonusRate().multiply(judged)) >= 0) {
                bonuses.add(new Entry("resolution.bonus", s.bonus(), p.label(),
                        reasons.text("resolution.bonus", round(rate), t.resolved, t.judged, s.bonusRate())));
            }
        }

        // 2.4 重复投诉率
        private void repeat(Tally t, Period p, List<Entry> out, List<Entry> bonuses, Map<String, Object> figures) {
            Scheme.Repeat s = items.repeat();
            figures.put("complaints", t.complaints);
            figures.put("repeats", t.repeats);
            if (t.complaints == 0) {
                return;
            }
            BigDecimal complaints = BigDecimal.valueOf(t.complaints);
            BigDecimal repeatsTimes100 = BigDecimal.valueOf(t.repeats).multiply(HUNDRED);
            BigDecimal rate = repeatsTimes100.divide(complaints, EXACT);
            figures.put("rate", round(rate));
            if (repeatsTimes100.compareTo(s.ceilingRate().multiply(complaints)) > 0) {
                out.add(new Entry("repeat.above-ceiling", rate.subtract(s.ceilingRate()).multiply(s.perPoint()), p.label(),
                        reasons.text("repeat.above-ceiling", round(rate), t.repeats, t.complaints, s.ceilingRate())));
            }
            if (repeatsTimes100.compareTo(s.bonusRate().multiply(complaints)) <= 0) {
                bonuses.add(new Entry("repeat.bonus", s.bonus(), p.label(),
                        reasons.text("repeat.bonus", round(rate), t.repeats, t.complaints, s.bonusRate())));
            }
        }

        // 3.1 评价覆盖: the channel mix is reported, deducts nothing
        private void coverage(Tally t, Map<String, Object> figures) {
            Map<String, Object> mix = new LinkedHashMap<>();
            mix.put("PHONE", t.phone);
            mix.put("ONLINE", t.online);
            mix.put("evaluations", t.evaluations);
            if (t.evaluations > 0) {
                BigDecimal n = BigDecimal.valueOf(t.evaluations);
                mix.put("phoneShare", round(BigDecimal.valueOf(t.phone).multiply(HUNDRED).divide(n, EXACT)));
                mix.put("onlineShare", round(BigDecimal.valueOf(t.online).multiply(HUNDRED).divide(n, EXACT)));
            }
            mix.put("phoneTarget", items.coverage().phoneTarget());
            mix.put("onlineTarget", items.coverage().onlineTarget());
            figures.put("mix", mix);
        }

        // 3.2 评价结果
        private void satisfaction(Tally t, Period p, List<Entry> out, Map<String, Object> figures) {
            Scheme.Result s = items.result();
            figures.put("evaluations", t.evaluations);
            if (t.evaluations == 0) {
                return;
            }
            BigDecimal n = BigDecimal.valueOf(t.evaluations);
            BigDecimal weighted = s.weights().get("SATISFIED").multiply(BigDecimal.valueOf(t.satisfied))
                    .add(s.weights().get("BASIC").multiply(BigDecimal.valueOf(t.basic)))
                    .add(s.weights().get("UNSATISFIED").multiply(BigDecimal.valueOf(t.unsatisfied)))
                    .multiply(s.scale());
            BigDecimal index = weighted.divide(n, EXACT);
            figures.put("index", round(index));
            if (weighted.compareTo(s.fullAt().multiply(n)) >= 0) {
                return;
            }
            if (weighted.compareTo(s.zeroBelow().multiply(n)) >= 0) {
                BigDecimal steps = s.fullAt().multiply(n).subtract(weighted)
                        .divide(s.step().multiply(n), 0, RoundingMode.CEILING);
                out.add(new Entry("result.low-index", s.perStep().multiply(steps), p.label(),
                        reasons.text("result.low-index", round(index), t.satisfied, t.basic, t.evaluations, s.fullAt())));
            } else {
                out.add(new Entry("result.low-index", s.zeroLoss(), p.label(),
                        reasons.text("result.zero-index", round(index), t.satisfied, t.basic, t.evaluations, s.zeroBelow())));
            }
        }

        // 4.1 专项任务
        private void special(Subject subject, Period p, List<Entry> out) {
            Scheme.Special s = items.special();
            LocalDate today = calendar.date(asOf);
            List<SpecialTask> tasks = data.tasks().stream()
                    .filter(task -> subject.code.equals(task.unit()) && p.contains(task.dueDate()))
                    .sorted(Comparator.comparing(SpecialTask::dueDate)
                            .thenComparing(task -> task.taskNo() == null ? "" : task.taskNo()))
                    .toList();
            for (SpecialTask task : tasks) {
                boolean done = task.completedOn() != null && calendar.startOf(task.completedOn()) <= asOf;
                boolean due = calendar.startOf(task.dueDate().plusDays(1)) <= asOf;
                if (!done && !due) {
                    continue;
                }
                String no = task.taskNo() == null ? "" : task.taskNo();
                String title = task.title() == null ? "" : task.title();
                if (!task.planSubmitted()) {
                    out.add(new Entry("special.no-plan", s.noPlan(), no, reasons.text("special.no-plan", no, title)));
                }
                LocalDate end = done ? task.completedOn() : today;
                long days = ChronoUnit.DAYS.between(task.dueDate(), end);
                if (days > 0) {
                    String how = done ? reasons.text("special.late-done", task.completedOn())
                            : reasons.text("special.late-open", today);
                    out.add(new Entry("special.late", s.perDayLate().multiply(BigDecimal.valueOf(days)), no,
                            reasons.text("special.late", no, title, task.dueDate(), how, days)));
                }
                if (Boolean.FALSE.equals(task.qualityOk())) {
                    out.add(new Entry("special.poor-quality", s.poorQuality(), no,
                            reasons.text("special.poor-quality", no, title)));
                }
            }
        }

        // Manual adjustments: their exact period, an item that applies; listed with the opposite sign.
        private void adjustments(Subject subject, Period p, ItemCode item, List<Entry> out) {
            List<Adjustment> matching = new ArrayList<>();
            for (Adjustment a : data.adjustments()) {
                if (subject.code.equals(a.subject()) && p.label().equalsIgnoreCase(a.period().trim())
                        && item.code().equals(a.item())) {
                    matching.add(a);
                }
            }
            matching.sort(Comparator.comparing(Adjustment::points).thenComparing(Adjustment::reason)
                    .thenComparing(a -> a.assessor() == null ? "" : a.assessor()));
            for (Adjustment a : matching) {
                out.add(new Entry("adjustment", a.points().negate(), a.period().trim().toUpperCase(Locale.ROOT)
                        + (a.assessor() == null ? "" : " " + a.assessor()),
                        reasons.text("adjustment", a.reason(), a.assessor() == null ? "" : a.assessor())));
            }
        }
    }

    private BigDecimal round(BigDecimal value) {
        return value.setScale(scheme.rounding().scale(), scheme.rounding().mode());
    }

    /** Whole seconds of a duration in milliseconds; a negative duration counts as zero. */
    static long seconds(long millis) {
        return millis <= 0 ? 0 : millis / 1000;
    }

    /** A subject and its tallies, one per period computed. */
    private static final class Subject {
        final String code;
        final String name;
        final SubjectKind kind;
        final boolean unit;
        Tally[] tallies;

        Subject(String code, String name, SubjectKind kind, boolean unit) {
            this.code = code;
            this.name = name;
            this.kind = kind;
            this.unit = unit;
        }
    }

    /** What the cases of one subject in one period add up to. */
    private static final class Tally {
        @SuppressWarnings("unchecked")
        private final List<Entry>[] deductions = new List[ITEM_CODES];
        int judged;
        int resolved;
        int complaints;
        int repeats;
        int evaluations;
        int satisfied;
        int basic;
        int unsatisfied;
        int phone;
        int online;

        void deduct(ItemCode item, Entry entry) {
            List<Entry> list = deductions[item.ordinal()];
            if (list == null) {
                list = new ArrayList<>();
                deductions[item.ordinal()] = list;
            }
            list.add(entry);
        }

        /** The tally of several tallies: the counts added up, the deductions of each item listed in turn. */
        static Tally joined(Tally[] tallies, int[] parts) {
            Tally t = new Tally();
            for (int item = 0; item < ITEM_CODES; item++) {
                int size = 0;
                for (int k : parts) {
                    List<Entry> list = tallies[k].deductions[item];
                    size += list == null ? 0 : list.size();
                }
                if (size > 0) {
                    List<Entry> all = new ArrayList<>(size);
                    for (int k : parts) {
                        List<Entry> list = tallies[k].deductions[item];
                        if (list != null) {
                            all.addAll(list);
                        }
                    }
                    t.deductions[item] = all;
                }
            }
            for (int k : parts) {
                Tally m = tallies[k];
                t.judged += m.judged;
                t.resolved += m.resolved;
                t.complaints += m.complaints;
                t.repeats += m.repeats;
                t.evaluations += m.evaluations;
                t.satisfied += m.satisfied;
                t.basic += m.basic;
                t.unsatisfied += m.unsatisfied;
                t.phone += m.phone;
                t.online += m.online;
            }
            return t;
        }

        /** The deductions of an item, as a list of the caller's own (the tally no longer holds it). */
        List<Entry> takeDeductions(ItemCode item) {
            List<Entry> list = deductions[item.ordinal()];
            deductions[item.ordinal()] = null;
            return list == null ? new ArrayList<>() : list;
        }
    }

    /** Warnings, each kind listed up to a limit and then counted. */
    private static final class Warnings {
        private final Reasons reasons;
        private final Map<String, List<String>> byKind = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        Warnings(Reasons reasons) {
            this.reasons = reasons;
        }

        void add(String kind, String text) {
            if (!seen.add(text)) {
                return;
            }
            List<String> list = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            int count = counts.merge(kind, 1, Integer::sum);
            if (count <= WARNING_LIMIT) {
                list.add(text);
            }
        }

        /** Whether {@link #checkConsistency} has anything to say about a case (no allocation: most cases are fine). */
        static boolean inconsistent(CaseRecord c) {
            long submitted = c.submittedAt();
            if (before(c.acceptedAt(), submitted) || before(c.dispatchedAt(), submitted)
                    || before(c.contactedAt(), submitted) || before(c.surveyedAt(), submitted)
                    || before(c.solutionAt(), submitted) || before(c.completedAt(), submitted)
                    || before(c.evaluatedAt(), submitted)) {
                return true;
            }
            if (c.evaluatedAt() != NONE && c.completedAt() != NONE && c.evaluatedAt() < c.completedAt()) {
                return true;
            }
            long unsatisfied = c.unsatisfiedAt() != NONE ? c.unsatisfiedAt()
                    : c.evaluation() == EvaluationLevel.UNSATISFIED ? c.evaluatedAt() : NONE;
            return unsatisfied != NONE && c.reviewedAt() != NONE && c.reviewedAt() < unsatisfied;
        }

        private static boolean before(long value, long submitted) {
            return value != NONE && value < submitted;
        }

        void checkConsistency(CaseRecord c) {
            long submitted = c.submittedAt();
            String[] names = {"accepted_at", "dispatched_at", "contacted_at", "surveyed_at", "solution_at",
                "completed_at", "evaluated_at"};
            long[] values = {c.acceptedAt(), c.dispatchedAt(), c.contactedAt(), c.surveyedAt(), c.solutionAt(),
                c.completedAt(), c.evaluatedAt()};
            for (int i = 0; i < names.length; i++) {
                if (values[i] != NONE && values[i] < submitted) {
                    add("before-submission", reasons.text("warning.before-submission", c.caseNo(), names[i],
                            reasons.instant(values[i]), reasons.instant(submitted)));
                }
            }
            if (c.evaluatedAt() != NONE && c.completedAt() != NONE && c.evaluatedAt() < c.completedAt()) {
                add("evaluated-before-completed", reasons.text("warning.evaluated-before-completed", c.caseNo(),
                        reasons.instant(c.evaluatedAt()), reasons.instant(c.completedAt())));
            }
            long unsatisfied = c.unsatisfiedAt() != NONE ? c.unsatisfiedAt()
                    : c.evaluation() == EvaluationLevel.UNSATISFIED ? c.evaluatedAt() : NONE;
            if (unsatisfied != NONE && c.reviewedAt() != NONE && c.reviewedAt() < unsatisfied) {
                add("reviewed-before-unsatisfied", reasons.text("warning.reviewed-before-unsatisfied", c.caseNo(),
                        reasons.instant(c.reviewedAt()), reasons.instant(unsatisfied)));
            }
        }

        List<String> list() {
            List<String> all = new ArrayList<>();
            byKind.forEach((kind, list) -> {
                all.addAll(list);
                int more = counts.get(kind) - list.size();
                if (more > 0) {
                    all.add(reasons.text("warning.more", more));
                }
            });
            return List.copyOf(all);
        }
    }
}
