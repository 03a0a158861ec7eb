package org.warmline.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Post;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * Test data for the engine tests of docs/assessment.md: a small default organisation, a fluent case builder whose defaults are a
 * complete, on-time, resolved and satisfied case, and helpers to run the engine and pick results apart.
 *
 * <p>Default organisation (docs/assessment.md section 1):
 * <pre>
 *   HQ  (HQ_SERVICE, top)         agent A1
 *   B1  (BRANCH, top)
 *    └ S1 (STATION)
 *       ├ T1 (TEAM)
 *       └ R1 (AREA)                steward W1
 * </pre>
 * READING: the fixture is "branch B1 with station S1, team T1, area R1"; T1 and R1 are placed under S1 (a team or area
 * may be a child of a branch or a station), so B1's subtree is two levels deep.
 * Topics are stored normalised (Topic.normalize), as the ledger reader does (CaseRecord: "topic normalised").
 * HQ and B1 have full regulations (S1, T1, R1 inherit B1's row) and one complete training in every quarter of
 * 2025-2027, so items 1.1 and 1.3 score full unless a test changes them.
 *
 * <p>Default case: a COMPLAINT about TEMPERATURE submitted Tuesday 2026-01-06 09:00, accepted by A1, responsible unit R1,
 * handler W1; occurred -1 h, recorded +5 min, accepted +10 min, dispatched +20 min, contacted +1 h, solution +3 h,
 * completed +4 h (resolved), evaluated SATISFIED by PHONE with a comment at +1 day. Every milestone not set explicitly
 * moves with {@code submitted_at}. Each case gets its own phone number unless one is set.
 */
public final class Ledgers {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final long SEC = 1_000L;
    public static final long MIN = 60 * SEC;
    public static final long HOUR = 60 * MIN;
    public static final long DAY = 24 * HOUR;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final AtomicInteger PHONES = new AtomicInteger();

    private Ledgers() {
    }

    /** "2026-01-05 08:30" or "2026-01-05 08:30:01", read as Asia/Shanghai, in epoch millis. */
    public static long t(String text) {
        LocalDateTime local = text.length() > 16 ? LocalDateTime.parse(text, SECONDS) : LocalDateTime.parse(text, MINUTES);
        return local.atZone(ZONE).toInstant().toEpochMilli();
    }

    /** {@link #t(String)} as an {@link Instant}. */
    public static Instant instant(String text) {
        return Instant.ofEpochMilli(t(text));
    }

    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /**
     * The default scheme. At the time of writing the shipped default-scheme.yaml does not load (its last timeliness
     * band leaves out the primitive {@code inclusive}; see SchemeLoaderTest), so this falls back to the same text with
     * that band written out, so that the engine tests judge the engine, not that file.
     */
    public static Scheme scheme() {
        try {
            return SchemeLoader.defaultScheme();
        } catch (org.warmline.scheme.SchemeException e) {
            return schemeWith("- { points: 10 }", "- { inclusive: false, points: 10 }");
        }
    }

    /** The default scheme text with one piece of text replaced (it must occur). */
    public static Scheme schemeWith(String from, String to) {
        try (java.io.InputStream in = SchemeLoader.class.getResourceAsStream(SchemeLoader.DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (text.contains("- { points: 10 }")) {
                text = text.replace("- { points: 10 }", "- { inclusive: false, points: 10 }");
                from = from.replace("- { points: 10 }", "- { inclusive: false, points: 10 }");
                to = to.replace("- { points: 10 }", "- { inclusive: false, points: 10 }");
            }
            if (!text.contains(from)) {
                throw new IllegalArgumentException("the default scheme has no " + from);
            }
            text = text.replace(from, to);
            return SchemeLoader.read(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "test-scheme.yaml", false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static WorkingCalendar calendar() {
        return WorkingCalendar.shipped(ZONE);
    }

    public static AssessmentResult assess(DataSet data, String period, String asOf) {
        return assess(scheme(), data, period, asOf);
    }

    public static AssessmentResult assess(Scheme scheme, DataSet data, String period, String asOf) {
        AssessmentEngine engine = new AssessmentEngine(scheme, calendar(), Locale.ENGLISH);
        return engine.assess(data, Period.parse(period, scheme.yearStartMonth()), instant(asOf));
    }

    public static SubjectResult subject(AssessmentResult result, String code) {
        return result.subjects().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no subject " + code + " in the result"));
    }

    public static ItemResult item(AssessmentResult result, String code, ItemCode item) {
        ItemResult found = subject(result, code).items().get(item);
        if (found == null) {
            throw new AssertionError("subject " + code + " has no item " + item);
        }
        return found;
    }

    /** The deductions of an item made by one rule. */
    public static List<Entry> deductions(ItemResult item, String rule) {
        return item.deductions().stream().filter(e -> e.rule().equals(rule)).toList();
    }

    /** The bonuses of an item made by one rule. */
    public static List<Entry> bonuses(ItemResult item, String rule) {
        return item.bonuses().stream().filter(e -> e.rule().equals(rule)).toList();
    }

    /** The deductions of an item made by one rule for one case (ref). */
    public static List<Entry> deductions(ItemResult item, String rule, String ref) {
        return item.deductions().stream().filter(e -> e.rule().equals(rule) && ref.equals(e.ref())).toList();
    }

    public static BigDecimal sum(List<Entry> entries) {
        return entries.stream().map(Entry::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public static CaseBuilder aCase(String caseNo) {
        return new CaseBuilder(caseNo);
    }

    public static Org org() {
        return new Org();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A data set under construction, starting from the default organisation. */
    public static final class Org {
        private final List<Unit> units = new ArrayList<>(List.of(
                new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                new Unit("S1", "城东一站", UnitKind.STATION, "B1"),
                new Unit("T1", "城东维修一班", UnitKind.TEAM, "S1"),
                new Unit("R1", "幸福片区", UnitKind.AREA, "S1")));
        private final List<Staff> staff = new ArrayList<>(List.of(
                new Staff("A1", "王客服", Post.AGENT, "HQ"),
                new Staff("W1", "李管家", Post.STEWARD, "R1")));
        private final List<CaseRecord> cases = new ArrayList<>();
        private final List<Regulation> regulations = new ArrayList<>(List.of(
                new Regulation("HQ", true, true, true, true, true),
                new Regulation("B1", true, true, true, true, true)));
        private final List<Training> trainings = new ArrayList<>();
        private final List<Outage> outages = new ArrayList<>();
        private final List<SpecialTask> tasks = new ArrayList<>();
        private final List<Adjustment> adjustments = new ArrayList<>();

        private Org() {
            for (int year = 2025; year <= 2027; year++) {
                for (int quarter = 0; quarter < 4; quarter++) {
                    LocalDate day = LocalDate.of(year, quarter * 3 + 2, 10);
                    trainings.add(new Training("HQ", day, "政策解读", true, true, true));
                    trainings.add(new Training("B1", day, "沟通技巧", true, true, true));
                }
            }
        }

        public Org cases(CaseBuilder... builders) {
            for (CaseBuilder b : builders) {
                cases.add(b.build());
            }
            return this;
        }

        public Org cases(List<CaseBuilder> builders) {
            builders.forEach(b -> cases.add(b.build()));
            return this;
        }

        public Org unit(String code, UnitKind kind, String parent) {
            units.add(new Unit(code, code, kind, parent));
            return this;
        }

        public Org staff(String code, Post post, String unit) {
            staff.add(new Staff(code, code, post, unit));
            return this;
        }

        /** Replaces the regulations table. */
        public Org regulations(Regulation... rows) {
            regulations.clear();
            regulations.addAll(Arrays.asList(rows));
            return this;
        }

        /** Replaces the trainings table. */
        public Org trainings(Training... rows) {
            trainings.clear();
            trainings.addAll(Arrays.asList(rows));
            return this;
        }

        /** An outage; {@code unit} null = the HQ_SERVICE unit; {@code backup} null = backup never started. */
        public Org outage(String unit, String started, String backup) {
            outages.add(new Outage("热线", unit, t(started), backup == null ? Instants.NONE : t(backup),
                    outages.size() + 1));
            return this;
        }

        public Org task(String taskNo, String unit, String due, boolean plan, String completedOn, Boolean qualityOk) {
            tasks.add(new SpecialTask(taskNo, unit, "供暖季前隐患排查", LocalDate.parse(due), plan,
                    completedOn == null ? null : LocalDate.parse(completedOn), qualityOk));
            return this;
        }

        public Org adjustment(String subject, String period, ItemCode item, String points) {
            adjustments.add(new Adjustment(subject, period, item.code(), new BigDecimal(points), "考核办认定",
                    "考核办", adjustments.size() + 1));
            return this;
        }

        public DataSet build() {
            return new DataSet(units, staff, cases, regulations, trainings, outages, tasks, adjustments);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A case row with complete, on-time defaults (see the class comment). */
    public static final class CaseBuilder {
        private final String caseNo;
        private Channel channel = Channel.HOTLINE;
        private Category category = Category.COMPLAINT;
        private boolean complex;
        private String topic = "TEMPERATURE";
        private String citizenName = "张三";
        private String citizenPhone;
        private String address = "幸福小区1号楼101";
        private String demand = "室温不达标,请上门检查";
        private long submitted = t("2026-01-06 09:00");
        private Long occurred;
        private Long recorded;
        private Long accepted;
        private String acceptedBy = "A1";
        private Long dispatched;
        private String unit = "R1";
        private String handler = "W1";
        private Long contacted;
        private boolean siteSurvey;
        private Long surveyed;
        private String solution = "已上门检修,室温恢复";
        private Long solutionAt;
        private Long completed;
        private boolean resolved = true;
        private EvaluationLevel evaluation = EvaluationLevel.SATISFIED;
        private EvaluationChannel evaluationChannel = EvaluationChannel.PHONE;
        private Long evaluated;
        private String evaluationComment = "师傅很快解决了问题";
        private Long unsatisfied;
        private Long reviewed;
        private ReviewFinding finding;
        private Long rehandled;
        private Long explained;

        private CaseBuilder(String caseNo) {
            this.caseNo = caseNo;
            this.citizenPhone = String.valueOf(13_900_000_000L + PHONES.incrementAndGet());
        }

        private static Long at(String text) {
            return text == null ? Instants.NONE : t(text);
        }

        public CaseBuilder category(Category value) { this.category = value; return this; }
        public CaseBuilder complex(boolean value) { this.complex = value; return this; }
        /** The topic as the ledger reader stores it (normalised: code or Chinese name give the code). */
        public CaseBuilder topic(String value) { this.topic = Topic.normalize(value); return this; }
        public CaseBuilder phone(String value) { this.citizenPhone = value; return this; }
        public CaseBuilder citizen(String value) { this.citizenName = value; return this; }
        public CaseBuilder acceptedBy(String value) { this.acceptedBy = value; return this; }
        public CaseBuilder unit(String value) { this.unit = value; return this; }
        public CaseBuilder handler(String value) { this.handler = value; return this; }
        public CaseBuilder siteSurvey(boolean value) { this.siteSurvey = value; return this; }
        public CaseBuilder solution(String value) { this.solution = value; return this; }
        public CaseBuilder resolved(boolean value) { this.resolved = value; return this; }
        public CaseBuilder evaluation(EvaluationLevel value) { this.evaluation = value; return this; }
        public CaseBuilder evaluationChannel(EvaluationChannel value) { this.evaluationChannel = value; return this; }
        public CaseBuilder comment(String value) { this.evaluationComment = value; return this; }
        public CaseBuilder finding(ReviewFinding value) { this.finding = value; return this; }

        public CaseBuilder submitted(String text) { this.submitted = t(text); return this; }
        public CaseBuilder submitted(long millis) { this.submitted = millis; return this; }
        public CaseBuilder occurred(String text) { this.occurred = at(text); return this; }
        public CaseBuilder recorded(String text) { this.recorded = at(text); return this; }
        public CaseBuilder accepted(String text) { this.accepted = at(text); return this; }
        public CaseBuilder dispatched(String text) { this.dispatched = at(text); return this; }
        public CaseBuilder contacted(String text) { this.contacted = at(text); return this; }
        public CaseBuilder surveyed(String text) { this.surveyed = at(text); return this; }
        public CaseBuilder solutionAt(String text) { this.solutionAt = at(text); return this; }
        public CaseBuilder completed(String text) { this.completed = at(text); return this; }
        public CaseBuilder evaluated(String text) { this.evaluated = at(text); return this; }
        public CaseBuilder unsatisfied(String text) { this.unsatisfied = at(text); return this; }
        public CaseBuilder reviewed(String text) { this.reviewed = at(text); return this; }
        public CaseBuilder rehandled(String text) { this.rehandled = at(text); return this; }
        public CaseBuilder explained(String text) { this.explained = at(text); return this; }

        /** Milestones relative to submitted_at, in millis (a negative value is allowed). */
        public CaseBuilder recordedAfter(long millis) { this.recorded = submitted + millis; return this; }
        public CaseBuilder acceptedAfter(long millis) { this.accepted = submitted + millis; return this; }
        public CaseBuilder dispatchedAfter(long millis) { this.dispatched = submitted + millis; return this; }
        public CaseBuilder contactedAfter(long millis) { this.contacted = submitted + millis; return this; }
        public CaseBuilder solutionAfter(long millis) { this.solutionAt = submitted + millis; return this; }
        public CaseBuilder completedAfter(long millis) { this.completed = submitted + millis; return this; }
        public CaseBuilder evaluatedAfter(long millis) { this.evaluated = submitted + millis; return this; }

        /** Not completed (and so not evaluated, and not resolved). The solution milestone is kept unless cleared. */
        public CaseBuilder notCompleted() {
            this.completed = Instants.NONE;
            this.resolved = false;
            return unevaluated();
        }

        /** No evaluation at all. */
        public CaseBuilder unevaluated() {
            this.evaluation = null;
            this.evaluationChannel = null;
            this.evaluated = Instants.NONE;
            this.evaluationComment = null;
            return this;
        }

        /** A case only submitted: nothing after intake has happened (and no evaluation). */
        public CaseBuilder justSubmitted() {
            accepted = dispatched = contacted = solutionAt = Instants.NONE;
            solution = null;
            return notCompleted();
        }

        /** Empties the named ledger columns (docs/ledger.md column names). */
        public CaseBuilder without(String... columns) {
            for (String column : columns) {
                switch (column) {
                    case "channel" -> channel = null;
                    case "category" -> category = null;
                    case "topic" -> topic = null;
                    case "citizen_name" -> citizenName = null;
                    case "citizen_phone" -> citizenPhone = null;
                    case "address" -> address = null;
                    case "demand" -> demand = null;
                    case "occurred_at" -> occurred = Instants.NONE;
                    case "recorded_at" -> recorded = Instants.NONE;
                    case "accepted_at" -> accepted = Instants.NONE;
                    case "accepted_by" -> acceptedBy = null;
                    case "dispatched_at" -> dispatched = Instants.NONE;
                    case "unit" -> unit = null;
                    case "handler" -> handler = null;
                    case "contacted_at" -> contacted = Instants.NONE;
                    case "surveyed_at" -> surveyed = Instants.NONE;
                    case "solution" -> solution = null;
                    case "solution_at" -> solutionAt = Instants.NONE;
                    case "completed_at" -> completed = Instants.NONE;
                    case "evaluation" -> evaluation = null;
                    case "evaluation_channel" -> evaluationChannel = null;
                    case "evaluated_at" -> evaluated = Instants.NONE;
                    case "evaluation_comment" -> evaluationComment = null;
                    case "unsatisfied_at" -> unsatisfied = Instants.NONE;
                    case "reviewed_at" -> reviewed = Instants.NONE;
                    case "rehandled_at" -> rehandled = Instants.NONE;
                    case "explained_at" -> explained = Instants.NONE;
                    default -> throw new IllegalArgumentException("unknown column " + column);
                }
            }
            return this;
        }

        private long or(Long value, long offset) {
            return value != null ? value : submitted + offset;
        }

        private static long or(Long value) {
            return value != null ? value : Instants.NONE;
        }

        public CaseRecord build() {
            return CaseRecord.builder().row(1)
                    .set(CaseColumn.CASE_NO, caseNo).set(CaseColumn.CHANNEL, channel)
                    .set(CaseColumn.CATEGORY, category).set(CaseColumn.COMPLEX, complex).set(CaseColumn.TOPIC, topic)
                    .set(CaseColumn.CITIZEN_NAME, citizenName).set(CaseColumn.CITIZEN_PHONE, citizenPhone)
                    .set(CaseColumn.ADDRESS, address).set(CaseColumn.DEMAND, demand)
                    .at(CaseColumn.OCCURRED_AT, or(occurred, -HOUR)).at(CaseColumn.SUBMITTED_AT, submitted)
                    .at(CaseColumn.RECORDED_AT, or(recorded, 5 * MIN)).at(CaseColumn.ACCEPTED_AT, or(accepted, 10 * MIN))
                    .set(CaseColumn.ACCEPTED_BY, acceptedBy).at(CaseColumn.DISPATCHED_AT, or(dispatched, 20 * MIN))
                    .set(CaseColumn.UNIT, unit).set(CaseColumn.HANDLER, handler)
                    .at(CaseColumn.CONTACTED_AT, or(contacted, HOUR)).set(CaseColumn.SITE_SURVEY, siteSurvey)
                    .at(CaseColumn.SURVEYED_AT, or(surveyed)).set(CaseColumn.SOLUTION, solution)
                    .at(CaseColumn.SOLUTION_AT, or(solutionAt, 3 * HOUR))
                    .at(CaseColumn.COMPLETED_AT, or(completed, 4 * HOUR)).set(CaseColumn.RESOLVED, resolved)
                    .set(CaseColumn.EVALUATION, evaluation).set(CaseColumn.EVALUATION_CHANNEL, evaluationChannel)
                    .at(CaseColumn.EVALUATED_AT, evaluation == null ? Instants.NONE : or(evaluated, DAY))
                    .set(CaseColumn.EVALUATION_COMMENT, evaluationComment)
                    .at(CaseColumn.UNSATISFIED_AT, or(unsatisfied)).at(CaseColumn.REVIEWED_AT, or(reviewed))
                    .set(CaseColumn.REVIEW_FINDING, finding).at(CaseColumn.REHANDLED_AT, or(rehandled))
                    .at(CaseColumn.EXPLAINED_AT, or(explained))
                    .build();
        }
    }
}
