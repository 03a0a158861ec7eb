package org.warmline.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.HANDLER;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.UNIT;

/**
 * The assessment engine (考核计算): scores a data set for a period as of an instant with a scheme, as
 * docs/assessment.md describes, for every unit and every person of the data set, and explains every point lost or won.
 *
 * <p>The engine only orchestrates; each item of the scheme is a class of this package (listed in package-info) that
 * judges its cases and scores its subjects. The cases submitted by as_of are read once, sorted by submission; those
 * that can matter are judged once each (in two threads when there are many), since the facts of a case do not depend
 * on who is assessed or on the period; each case then counts for its subjects in the periods that hold its submission;
 * each subject is scored item by item and totalled. Everything is sorted by stable keys first, so the order of the rows
 * never matters. Plain Java: no Spring, no database.
 */
public final class AssessmentEngine {

    /** From this many cases on, the cases are judged, counted and scored in two threads; tests lower it. */
    static volatile int parallelCases = 20_000;
    /** Computations whose cases were counted in two threads; tests look at it. */
    static final java.util.concurrent.atomic.AtomicLong countedInTwo = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The threads that judge the second half of many cases beside the assessing thread: daemon threads, kept a minute
     * between assessments.
     */
    private static final ExecutorService HALVES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "assessment-judge");
        thread.setDaemon(true);
        return thread;
    });

    /** The rules whose reference is a case number: those of the items judged case by case. */
    private static final Set<String> CASE_RULES = Set.copyOf(caseRules());

    private final Scheme scheme;
    private final WorkingCalendar calendar;
    private final Locale locale;
    private final ZoneId zone;

    public AssessmentEngine(Scheme scheme, WorkingCalendar calendar, Locale locale) {
        this.scheme = scheme;
        this.calendar = calendar;
        this.locale = locale;
        this.zone = ZoneId.of(scheme.zone());
    }

    public Scheme scheme() {
        return scheme;
    }

    /** Assesses every subject of the data set for the period, as of {@code asOf}. */
    public AssessmentResult assess(DataSet data, Period period, Instant asOf) {
        return new Run(data, new Organization(data), period, asOf.toEpochMilli(), null).result();
    }

    /**
     * Assesses one case alone ({@link CaseWhatIf}): {@code caseNo} among {@code cases} (the others only as its earlier
     * complaints, 2.2 and 2.4), counted for the subjects it counts for and no others, in the period, as of
     * {@code asOf}. No warnings are collected and the calendar's years without a schedule are left alone, so runs may
     * share it.
     */
    AssessmentResult assessCase(Organization org, List<CaseRecord> cases, String caseNo, Period period, long asOf) {
        DataSet data = new DataSet(List.of(), List.of(), cases, List.of(), List.of(), List.of(), List.of(), List.of());
        return new Run(data, org, period, asOf, caseNo).result();
    }

    /** Whether the {@code ref} of a deduction with this rule is a case number (a deduction of one case). */
    public static boolean refersToCase(String rule) {
        return rule != null && CASE_RULES.contains(rule);
    }

    private static List<String> caseRules() {
        List<String> rules = new ArrayList<>();
        rules.addAll(BasicLedger.CASE_RULES);
        rules.addAll(HandlingResponse.CASE_RULES);
        rules.addAll(HandlingTimeliness.CASE_RULES);
        rules.addAll(SatisfactionCoverage.CASE_RULES);
        rules.addAll(SatisfactionDissatisfied.CASE_RULES);
        return rules;
    }

    /** One computation: a data set, a period and an instant. */
    private final class Run {

        private final DataSet data;
        private final Period period;
        private final long asOf;
        private final Reasons reasons;
        private final Organization org;
        private final Warnings warnings;
        private final Totals totals;
        private final Periods periods;
        private final List<Subject> subjects = new ArrayList<>();
        private final Map<String, Subject> subjectsByCode = new HashMap<>();
        /** The one case counted ({@link #assessCase}), its subjects made as it counts for them; null: every case. */
        private final String onlyCase;

        // the items, made once the number of cases judged is known
        private int counters;
        private BasicInstitution institution;
        private BasicLedger ledger;
        private BasicTraining training;
        private BasicEquipment equipment;
        private HandlingResponse response;
        private HandlingTimeliness timeliness;
        private HandlingResolution resolution;
        private HandlingRepeat repeat;
        private SatisfactionCoverage coverage;
        private SatisfactionResult evaluations;
        private SatisfactionDissatisfied dissatisfied;
        private KeyworkSpecial special;
        private KeyworkOther other;
        private Adjustments adjustments;

        Run(DataSet data, Organization org, Period period, long asOf, String onlyCase) {
            this.data = data;
            this.period = period;
            this.asOf = asOf;
            this.onlyCase = onlyCase;
            this.reasons = new Reasons(locale, zone);
            this.org = org;
            this.warnings = new Warnings(reasons);
            this.totals = new Totals(scheme);
            this.periods = new Periods(period, calendar);
        }

        AssessmentResult result() {
            if (onlyCase == null) {
                calendar.clearYearsWithoutSchedule();
            }
            List<CaseRecord> cases = submittedSorted(data.cases());
            // by case: which periods hold it ({@link Periods#holding}), 0 when it is not counted
            int[] held = new int[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                if (onlyCase == null || onlyCase.equals(cases.get(i).caseNo())) {
                    held[i] = periods.holding(cases.get(i).at(SUBMITTED_AT));
                }
            }
            // the cases judged: from the first that can make a counted case a repeat (2.4) to the last case counted (a
            // period's cases are together, since they are sorted)
            int firstCounted = -1;
            int lastCounted = -1;
            for (int i = 0; i < cases.size(); i++) {
                if (held[i] != 0) {
                    if (firstCounted < 0) {
                        firstCounted = i;
                    }
                    lastCounted = i;
                }
            }
            int from = firstCounted < 0 ? 0 : HandlingRepeat.firstEarlier(cases, firstCounted, scheme.items().repeat());
            int to = lastCounted + 1;
            makeItems(to - from);
            if (onlyCase == null) {
                createSubjects();
            }
            boolean[] inconsistent = judge(cases, held, from, to);
            if (firstCounted >= 0) {
                countAll(cases, held, inconsistent, from, firstCounted, to);
            }
            if (onlyCase != null) {
                // as createSubjects orders them: units, then people, each by kind and code
                subjects.sort(Comparator.comparing((Subject s) -> s.kind).thenComparing(s -> s.code));
            }
            List<SubjectResult> results = finishAll(firstCounted < 0 ? 0 : to - firstCounted);
            for (Integer year : onlyCase == null ? calendar.yearsWithoutSchedule() : java.util.Set.<Integer>of()) {
                warnings.add("no-schedule", reasons.text("warning.no-schedule", year));
            }
            return new AssessmentResult(period, Instant.ofEpochMilli(asOf).atZone(zone).toOffsetDateTime(),
                    scheme.version(), warnings.list(), List.copyOf(results));
        }

        /**
         * The cases submitted by {@code asOf}, sorted by submission and case number. A ledger usually comes sorted
         * already: then one pass checks it, and those submitted by {@code asOf} are its beginning, nothing copied (a
         * stable sort would keep that order anyway).
         */
        private List<CaseRecord> submittedSorted(List<CaseRecord> all) {
            int submitted = 0;
            CaseRecord last = null;
            for (CaseRecord c : all) {
                if (last != null && before(c, last)) {
                    return sorted(all);
                }
                if (c.at(SUBMITTED_AT) <= asOf) {
                    submitted++;
                }
                last = c;
            }
            return all.subList(0, submitted); // the data set's list, which nobody changes
        }

        private static boolean before(CaseRecord c, CaseRecord other) {
            return c.at(SUBMITTED_AT) < other.at(SUBMITTED_AT)
                    || (c.at(SUBMITTED_AT) == other.at(SUBMITTED_AT) && c.caseNo().compareTo(other.caseNo()) < 0);
        }

        private List<CaseRecord> sorted(List<CaseRecord> all) {
            List<CaseRecord> cases = new ArrayList<>(all.size());
            for (CaseRecord c : all) {
                if (c.at(SUBMITTED_AT) <= asOf) {
                    cases.add(c);
                }
            }
            cases.sort(Comparator.comparingLong((CaseRecord c) -> c.at(SUBMITTED_AT))
                    .thenComparing(CaseRecord::caseNo));
            return Collections.unmodifiableList(cases);
        }

        /** Makes the items of this computation, those judged case by case with room for {@code judged} cases. */
        private void makeItems(int judged) {
            Scheme.Items settings = scheme.items();
            Tally.Counters tallyCounters = new Tally.Counters();
            institution = new BasicInstitution(settings.institution(), data.regulations(), org, reasons);
            ledger = new BasicLedger(settings.ledger(), judged);
            training = new BasicTraining(settings.training(), data.trainings(), org, calendar, asOf, reasons);
            equipment = new BasicEquipment(settings.equipment(), data.outages(), org, calendar, asOf, reasons, warnings);
            response = new HandlingResponse(settings.response(), judged);
            repeat = new HandlingRepeat(scheme, reasons, tallyCounters, judged);
            timeliness = new HandlingTimeliness(scheme, calendar, repeat, judged);
            resolution = new HandlingResolution(scheme, timeliness, reasons, tallyCounters, judged);
            coverage = new SatisfactionCoverage(scheme, tallyCounters, judged);
            evaluations = new SatisfactionResult(scheme, reasons, tallyCounters, judged);
            dissatisfied = new SatisfactionDissatisfied(settings.dissatisfied(), judged);
            special = new KeyworkSpecial(settings.special(), data.tasks(), calendar, asOf, reasons);
            other = new KeyworkOther();
            adjustments = new Adjustments(data.adjustments(), reasons);
            counters = tallyCounters.size();
        }

        private Item item(ItemCode code) {
            return switch (code) {
                case BASIC_INSTITUTION -> institution;
                case BASIC_LEDGER -> ledger;
                case BASIC_TRAINING -> training;
                case BASIC_EQUIPMENT -> equipment;
                case HANDLING_RESPONSE -> response;
                case HANDLING_TIMELINESS -> timeliness;
                case HANDLING_RESOLUTION -> resolution;
                case HANDLING_REPEAT -> repeat;
                case SATISFACTION_COVERAGE -> coverage;
                case SATISFACTION_RESULT -> evaluations;
                case SATISFACTION_DISSATISFIED -> dissatisfied;
                case KEYWORK_SPECIAL -> special;
                case KEYWORK_OTHER -> other;
            };
        }

        private void createSubjects() {
            List<Unit> units = new ArrayList<>(data.units());
            units.sort(Comparator.comparing((Unit u) -> SubjectKind.valueOf(u.kind().name())).thenComparing(Unit::code));
            for (Unit unit : units) {
                add(new Subject(unit.code(), unit.name(), SubjectKind.valueOf(unit.kind().name()), periods.size(),
                        counters));
            }
            List<Staff> staff = new ArrayList<>(data.staff());
            staff.sort(Comparator.comparing((Staff s) -> SubjectKind.valueOf(s.post().name())).thenComparing(Staff::code));
            for (Staff person : staff) {
                add(new Subject(person.code(), person.name(), SubjectKind.valueOf(person.post().name()), periods.size(),
                        counters));
            }
        }

        /**
         * The subject of a code: made now when one case is counted alone ({@link #onlyCase}), as its counting reaches
         * it; null for a code that is neither a unit nor a person of the organisation (or not made).
         */
        private Subject subject(String code) {
            Subject subject = subjectsByCode.get(code);
            if (subject == null && onlyCase != null) {
                Unit unit = org.unit(code);
                Staff person = org.staff(code);
                if (unit != null) {
                    subject = new Subject(unit.code(), unit.name(), SubjectKind.valueOf(unit.kind().name()),
                            periods.size(), counters);
                } else if (person != null) {
                    subject = new Subject(person.code(), person.name(), SubjectKind.valueOf(person.post().name()),
                            periods.size(), counters);
                }
                if (subject != null) {
                    add(subject);
                }
            }
            return subject;
        }

        private void add(Subject subject) {
            subjects.add(subject);
            subjectsByCode.put(subject.code, subject);
        }

        /**
         * Judges the cases: those from {@code from} to {@code to} (exclusive) by every case item when they count, else
         * as earlier complaints of 2.4 only; the calendar is asked about the others what judging them would ask. Then
         * the repeats are marked and the 2.2 losses made. Returns which cases the warnings must look at.
         */
        private boolean[] judge(List<CaseRecord> cases, int[] held, int from, int to) {
            boolean[] inconsistent = new boolean[cases.size()];
            CaseAsOf mine = new CaseAsOf(asOf, reasons);
            CaseAsOf other = new CaseAsOf(asOf, reasons);
            inTwo(mine, other, 0, cases.size(), (v, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    CaseRecord c = cases.get(i);
                    v.of(c);
                    if (i < from || i >= to) {
                        timeliness.askCalendar(v);
                    } else if (held[i] != 0) {
                        judgeCounted(i - from, v);
                    } else { // not counted, but it can make a counted case a repeat (2.4), doubled if it is late (2.2)
                        timeliness.judge(i - from, v);
                        repeat.judge(i - from, v);
                    }
                    // only the period's cases are warned about, as the live assessment reads only those
                    inconsistent[i] = held[i] != 0 && Warnings.inconsistent(c);
                }
            });
            repeat.mark(cases.subList(from, to), timeliness::isLate);
            inTwo(mine, other, from, to, (v, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    if (held[i] != 0) {
                        timeliness.finish(i - from, v.of(cases.get(i)));
                    }
                }
            });
            return inconsistent;
        }

        private void judgeCounted(int k, CaseAsOf v) {
            ledger.judge(k, v);
            response.judge(k, v);
            timeliness.judge(k, v);
            resolution.judge(k, v); // after 2.2: it asks for the deadline
            repeat.judge(k, v);
            coverage.judge(k, v);
            evaluations.judge(k, v);
            dissatisfied.judge(k, v);
        }

        /** Work on a range of cases with a {@link CaseAsOf} of its own. */
        private interface RangeWork {
            void run(CaseAsOf v, int from, int to);
        }

        /**
         * Runs work over the cases from {@code from} to {@code to}: many cases in two threads (halves, the second on a
         * thread of {@link #HALVES}), each with a {@link CaseAsOf} of its own (the reasons and the calendar are safe to
         * share). The work on a case touches what the items hold for that case only.
         */
        private void inTwo(CaseAsOf mine, CaseAsOf other, int from, int to, RangeWork work) {
            if (!many(to - from)) {
                work.run(mine, from, to);
                return;
            }
            int half = from + (to - from) / 2;
            both(() -> work.run(mine, from, half), () -> work.run(other, half, to));
        }

        /** Whether work on this many cases is shared by two threads. */
        private boolean many(int cases) {
            return cases >= parallelCases && Runtime.getRuntime().availableProcessors() >= 2;
        }

        /** Runs two pieces of work at once, the second on a thread of {@link #HALVES}; returns when both are done. */
        private void both(Runnable first, Runnable second) {
            Future<?> other = HALVES.submit(second);
            boolean interrupted = false;
            try {
                first.run();
            } finally {
                while (!other.isDone()) {
                    try {
                        other.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        break;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                other.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                throw new IllegalStateException("done, so never interrupted", e);
            }
        }

        /**
         * Counts the cases from {@code lo} to {@code hi} (exclusive) that are counted, and warns about the inconsistent
         * ones. Many cases are counted in two threads, split in the middle: the second thread counts its cases into
         * tallies apart that are then added after the first's ({@link Subject#joinLater}), and notes its warnings
         * apart to be added after the first's, so that the result is one thread's.
         */
        private void countAll(List<CaseRecord> cases, int[] held, boolean[] inconsistent, int from, int lo, int hi) {
            if (onlyCase != null || !many(hi - lo)) {
                countRange(cases, held, inconsistent, from, lo, hi, warnings, false);
                return;
            }
            countedInTwo.incrementAndGet();
            int middle = lo + (hi - lo) / 2;
            Warnings later = Warnings.deferred(reasons);
            both(() -> countRange(cases, held, inconsistent, from, lo, middle, warnings, false),
                    () -> countRange(cases, held, inconsistent, from, middle, hi, later, true));
            warnings.addAll(later);
            subjects.forEach(Subject::joinLater);
        }

        private void countRange(List<CaseRecord> cases, int[] held, boolean[] inconsistent, int from, int lo, int hi,
                                Warnings warnings, boolean apart) {
            for (int i = lo; i < hi; i++) {
                CaseRecord c = cases.get(i);
                if (inconsistent[i]) {
                    warnings.checkConsistency(c);
                }
                if (held[i] != 0) {
                    count(i - from, c, periods.indexes(held[i]), warnings, apart);
                }
            }
        }

        /**
         * Counts case {@code k} for its subjects in the periods that hold its submission: its responsible unit and the
         * units above it (a case without one is the HQ_SERVICE unit's when its accepting agent belongs to it), and its
         * handler; a late acceptance counts for whom 2.1 says.
         */
        private void count(int k, CaseRecord c, int[] periodIndexes, Warnings warnings, boolean apart) {
            String unit = c.get(UNIT);
            if (unit == null) {
                String hqOfAgent = org.hqOfAgent(c.get(ACCEPTED_BY));
                if (hqOfAgent != null && scheme.unitlessCases().toHqWhenAgentBelongs()) {
                    unit = hqOfAgent;
                } else {
                    warnings.add("no-unit", reasons.text("warning.no-unit", c.caseNo()));
                }
            }
            // by index, with no iterator per case
            List<String> chain = org.chain(unit);
            for (int j = 0; j < chain.size(); j++) {
                countCase(subject(chain.get(j)), k, periodIndexes, apart);
            }
            if (c.get(HANDLER) != null && org.staff(c.get(HANDLER)) != null) {
                countCase(subject(c.get(HANDLER)), k, periodIndexes, apart);
            }
            List<String> lateAcceptance = response.acceptanceCountsFor(k, c, org);
            for (int j = 0; j < lateAcceptance.size(); j++) {
                Subject subject = subject(lateAcceptance.get(j));
                if (subject != null) {
                    for (int p : periodIndexes) {
                        subject.tally(p, apart).deduct(ItemCode.HANDLING_RESPONSE, response.lateAcceptance(k));
                    }
                }
            }
        }

        private void countCase(Subject subject, int k, int[] periodIndexes, boolean apart) {
            if (subject == null) {
                return;
            }
            for (int p : periodIndexes) {
                Tally t = subject.tally(p, apart);
                ledger.count(k, t);
                response.count(k, t);
                timeliness.count(k, t);
                resolution.count(k, t);
                repeat.count(k, t);
                coverage.count(k, t);
                evaluations.count(k, t);
                dissatisfied.count(k, t);
            }
        }

        /**
         * Scores every subject, in their order; when many cases were counted, in two threads (halves of the subjects,
         * each subject's tallies its own). The only warnings scoring gives, 2.5's outages that count for nobody, are
         * given first, as scoring the first subject 2.5 applies to would.
         */
        private List<SubjectResult> finishAll(int counted) {
            if (subjects.stream().anyMatch(s -> scheme.subject(s.kind).items()
                    .contains(ItemCode.BASIC_EQUIPMENT.code()))) {
                equipment.warnAboutOwnerless();
            }
            SubjectResult[] results = new SubjectResult[subjects.size()];
            int half = subjects.size() / 2;
            if (onlyCase == null && many(counted) && half > 0) {
                both(() -> finish(results, 0, half), () -> finish(results, half, results.length));
            } else {
                finish(results, 0, results.length);
            }
            return List.of(results);
        }

        private void finish(SubjectResult[] results, int from, int to) {
            for (int i = from; i < to; i++) {
                results[i] = finish(subjects.get(i));
            }
        }

        /** Scores a subject in every period computed: its items, its totals and, for a year, the annual composite. */
        private SubjectResult finish(Subject subject) {
            for (int p = 0; p < periods.size(); p++) {
                if (periods.parts(p) != null) {
                    subject.tallies[p] = Tally.joined(subject.tallies, periods.parts(p));
                }
            }
            Scheme.SubjectSettings settings = scheme.subject(subject.kind);
            List<ItemCode> applicable = settings.items().stream().map(ItemCode::ofCode).toList();
            int main = periods.main();
            BigDecimal[] periodTotals = new BigDecimal[periods.size()];
            Map<ItemCode, ItemResult> mainItems = null;
            for (int p = 0; p < periods.size(); p++) {
                Map<ItemCode, ItemResult> scored = score(subject, applicable, periods.get(p), subject.tallies[p]);
                periodTotals[p] = totals.total(scored.values(), settings.normalise());
                if (p == main) {
                    mainItems = scored;
                }
            }
            BigDecimal total = periodTotals[main];
            AnnualFigures annual = null;
            List<SubjectResult.PeriodTotal> monthly = new ArrayList<>();
            List<SubjectResult.PeriodTotal> quarterly = new ArrayList<>();
            if (period.kind() == Period.Kind.YEAR) {
                for (int p = 0; p < main; p++) {
                    SubjectResult.PeriodTotal inner = new SubjectResult.PeriodTotal(periods.get(p).label(),
                            periodTotals[p]);
                    (periods.get(p).kind() == Period.Kind.MONTH ? monthly : quarterly).add(inner);
                }
                annual = totals.annual(monthly.stream().map(SubjectResult.PeriodTotal::total).toList(),
                        quarterly.stream().map(SubjectResult.PeriodTotal::total).toList(), total);
            }
            return new SubjectResult(subject.code, subject.name, subject.kind, total, totals.grade(total, annual),
                    mainItems, annual, List.copyOf(monthly), List.copyOf(quarterly));
        }

        /** The items that apply to a subject, scored for one period: its cases, its records, then adjustments. */
        private Map<ItemCode, ItemResult> score(Subject subject, List<ItemCode> applicable, Period p, Tally t) {
            Map<ItemCode, ItemResult> result = new LinkedHashMap<>();
            for (ItemCode code : applicable) {
                ItemScore score = new ItemScore(t.takeDeductions(code));
                item(code).score(subject, p, t, score);
                adjustments.apply(subject, p, code, score);
                result.put(code, score.result(code, scheme.items().limits(code), scheme.rounding()));
            }
            return result;
        }
    }
}
