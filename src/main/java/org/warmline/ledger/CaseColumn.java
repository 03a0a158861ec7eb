package org.warmline.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column of the case ledger (工单台账, docs/ledger.md): the one catalogue of a case's shape. Each column has its name
 * (the English header, the CSV and XLSX header the writer writes, and the database column of {@code petition_case}), its
 * Chinese header, how its cells are read and written ({@link Kind}), the type of its values and whether it is required.
 * The ledger reader and writer, the database's column lists, row mapping and parameter binding, and the desk's access to
 * a case's facts are all derived from {@link #ALL}: a new column of the ledger is declared here (and in a migration),
 * and only the code that uses its meaning names it.
 *
 * <p>The constants are typed keys: {@link CaseRecord#get} of {@link #CHANNEL} is a {@link Channel}, {@link
 * CaseRecord#at} takes only an instant column, and a record is built by naming each column it sets ({@link
 * CaseRecord.Builder}), so two values cannot be swapped by their position.
 *
 * @param <T> the type of the column's values: {@link String}, {@link Boolean}, a {@link Coded} enumeration, or
 *            {@link Instant} (held as epoch milliseconds by {@link CaseRecord})
 */
public final class CaseColumn<T> {

    /** How a column's cells are read, checked and written (docs/ledger.md, "Cell values"). */
    public enum Kind {
        /** Text as written, trimmed; empty is empty. */
        TEXT("text"),
        /** Text as written, except a number in scientific notation or a numeric cell that is no mobile number. */
        PHONE("phone"),
        /** A code of {@link Topic} or any other text, normalised by {@link Topic#normalize}. */
        TOPIC("code or text"),
        /** A code of the column's enumeration (any letter case) or its Chinese name. */
        CODE("code"),
        /** A boolean; empty is false. */
        FLAG("boolean"),
        /** An instant (epoch milliseconds in {@link CaseRecord}, {@link Instants#NONE} when empty). */
        INSTANT("instant"),
        /** A unit code of the units table. */
        UNIT("reference (unit)"),
        /** A staff code of the staff table. */
        STAFF("reference (staff)");

        private final String documented;

        Kind(String documented) {
            this.documented = documented;
        }

        /** The type as docs/ledger.md names it in the tables' "type" column. */
        public String documented() {
            return documented;
        }
    }

    /** A property of a column beyond its kind. */
    private enum Trait {
        /** The header must have the column and every row must have a value. */
        REQUIRED,
        /** A text that many rows repeat (names, template demands and solutions): read into one copy per text. */
        REPEATED,
        /**
         * A free text: the assessment never shows it and reads only whether it is there, so its lean read brings only
         * that (the live assessment's records).
         */
        FREE
    }

    private static final Trait REQUIRED = Trait.REQUIRED;
    private static final Trait REPEATED = Trait.REPEATED;
    private static final Trait FREE = Trait.FREE;

    /** Filled by the constructor, in the order of declaration below. */
    private static final List<CaseColumn<?>> DECLARED = new ArrayList<>();
    private static int instantColumns;

    public static final CaseColumn<String> CASE_NO = new CaseColumn<>("case_no", "工单编号", Kind.TEXT, String.class, REQUIRED);
    public static final CaseColumn<Channel> CHANNEL = code("channel", "受理渠道", Channel.class);
    public static final CaseColumn<Category> CATEGORY = code("category", "信访类别", Category.class);
    public static final CaseColumn<Boolean> COMPLEX = flag("complex", "复杂问题");
    public static final CaseColumn<String> TOPIC = new CaseColumn<>("topic", "问题类型", Kind.TOPIC, String.class);
    public static final CaseColumn<String> CITIZEN_NAME = text("citizen_name", "用户姓名", REPEATED, FREE);
    public static final CaseColumn<String> CITIZEN_PHONE = new CaseColumn<>("citizen_phone", "联系电话", Kind.PHONE,
            String.class);
    public static final CaseColumn<String> ADDRESS = text("address", "地址", FREE);
    public static final CaseColumn<String> DEMAND = text("demand", "具体诉求", REPEATED, FREE);
    public static final CaseColumn<Instant> OCCURRED_AT = instant("occurred_at", "发生时间");
    public static final CaseColumn<Instant> SUBMITTED_AT = instant("submitted_at", "提交时间", REQUIRED);
    public static final CaseColumn<Instant> RECORDED_AT = instant("recorded_at", "录入时间");
    public static final CaseColumn<Instant> ACCEPTED_AT = instant("accepted_at", "接单时间");
    public static final CaseColumn<String> ACCEPTED_BY = new CaseColumn<>("accepted_by", "接单人", Kind.STAFF,
            String.class);
    public static final CaseColumn<Instant> DISPATCHED_AT = instant("dispatched_at", "派单时间");
    public static final CaseColumn<String> UNIT = new CaseColumn<>("unit", "责任单位", Kind.UNIT, String.class);
    public static final CaseColumn<String> HANDLER = new CaseColumn<>("handler", "责任人", Kind.STAFF, String.class);
    public static final CaseColumn<Instant> CONTACTED_AT = instant("contacted_at", "联系用户时间");
    public static final CaseColumn<Boolean> SITE_SURVEY = flag("site_survey", "需现场勘查");
    public static final CaseColumn<Instant> SURVEYED_AT = instant("surveyed_at", "现场勘查时间");
    public static final CaseColumn<String> SOLUTION = text("solution", "解决方案", REPEATED, FREE);
    public static final CaseColumn<Instant> SOLUTION_AT = instant("solution_at", "答复/方案时间");
    public static final CaseColumn<Instant> COMPLETED_AT = instant("completed_at", "完成时间");
    public static final CaseColumn<Boolean> RESOLVED = flag("resolved", "是否解决");
    public static final CaseColumn<EvaluationLevel> EVALUATION = code("evaluation", "评价结果", EvaluationLevel.class);
    public static final CaseColumn<EvaluationChannel> EVALUATION_CHANNEL = code("evaluation_channel", "评价方式",
            EvaluationChannel.class);
    public static final CaseColumn<Instant> EVALUATED_AT = instant("evaluated_at", "评价时间");
    public static final CaseColumn<String> EVALUATION_COMMENT = text("evaluation_comment", "评价内容", REPEATED, FREE);
    public static final CaseColumn<Instant> UNSATISFIED_AT = instant("unsatisfied_at", "不满意评价时间");
    public static final CaseColumn<Instant> REVIEWED_AT = instant("reviewed_at", "复核时间");
    public static final CaseColumn<ReviewFinding> REVIEW_FINDING = code("review_finding", "复核结论",
            ReviewFinding.class);
    public static final CaseColumn<Instant> REHANDLED_AT = instant("rehandled_at", "重新办理时间");
    public static final CaseColumn<Instant> EXPLAINED_AT = instant("explained_at", "补充解释时间");

    /** Every column, in the order of the ledger's cases table (the order the writer writes and the database lists). */
    public static final List<CaseColumn<?>> ALL = List.copyOf(DECLARED);
    /** How many columns hold instants, and how many hold other values (the sizes of a record's two arrays). */
    static final int INSTANTS = instantColumns;
    static final int OBJECTS = ALL.size() - INSTANTS;

    private final String name;
    private final String chinese;
    private final Kind kind;
    private final Class<T> type;
    private final boolean required;
    private final boolean repeated;
    private final boolean free;
    private final int index;
    /** The position among the instant columns, or among the others. */
    final int slot;

    private CaseColumn(String name, String chinese, Kind kind, Class<T> type, Trait... traits) {
        this.name = name;
        this.chinese = chinese;
        this.kind = kind;
        this.type = type;
        List<Trait> has = List.of(traits);
        this.required = has.contains(Trait.REQUIRED);
        this.repeated = has.contains(Trait.REPEATED);
        this.free = has.contains(Trait.FREE);
        this.index = DECLARED.size();
        this.slot = kind == Kind.INSTANT ? instantColumns++ : DECLARED.size() - instantColumns;
        DECLARED.add(this);
    }

    private static CaseColumn<String> text(String name, String chinese, Trait... traits) {
        return new CaseColumn<>(name, chinese, Kind.TEXT, String.class, traits);
    }

    private static <E extends Enum<E> & Coded> CaseColumn<E> code(String name, String chinese, Class<E> type) {
        return new CaseColumn<>(name, chinese, Kind.CODE, type);
    }

    private static CaseColumn<Boolean> flag(String name, String chinese) {
        return new CaseColumn<>(name, chinese, Kind.FLAG, Boolean.class);
    }

    private static CaseColumn<Instant> instant(String name, String chinese, Trait... traits) {
        return new CaseColumn<>(name, chinese, Kind.INSTANT, Instant.class, traits);
    }

    /** The column's name: its English header, as written, and its column in the database (e.g. {@code unit}). */
    public String name() {
        return name;
    }

    /** The Chinese header, e.g. {@code 责任单位}. */
    public String chinese() {
        return chinese;
    }

    /** The headers that name this column when reading: the name (in any letter case) and the Chinese header. */
    public List<String> headers() {
        return List.of(name, chinese);
    }

    public Kind kind() {
        return kind;
    }

    /** The type of the column's values (an instant column's is {@link Instant}). */
    public Class<T> type() {
        return type;
    }

    /** Whether the header must have the column and every row a value ({@code case_no}, {@code submitted_at}). */
    public boolean required() {
        return required;
    }

    /** Whether many rows repeat the column's texts (they are read into one copy per text). */
    public boolean repeated() {
        return repeated;
    }

    /** Whether the column is a free text that the assessment never shows, reading only whether it is there. */
    public boolean free() {
        return free;
    }

    /** The column's position in the cases table ({@link #ALL}). */
    public int index() {
        return index;
    }

    /** This column as an instant column. */
    @SuppressWarnings("unchecked")
    public CaseColumn<Instant> asInstant() {
        if (kind != Kind.INSTANT) {
            throw new IllegalStateException(name + " holds no instants");
        }
        return (CaseColumn<Instant>) this;
    }

    /** This column as a flag. */
    @SuppressWarnings("unchecked")
    public CaseColumn<Boolean> asFlag() {
        if (kind != Kind.FLAG) {
            throw new IllegalStateException(name + " is no flag");
        }
        return (CaseColumn<Boolean>) this;
    }

    /** The column of this name (its English header, in any letter case), or null. */
    public static CaseColumn<?> named(String name) {
        if (name == null) {
            return null;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (CaseColumn<?> column : ALL) {
            if (column.name.equals(key)) {
                return column;
            }
        }
        return null;
    }

    /** The names of every column, in order, joined by {@code ", "}: a database's column list. */
    public static String names() {
        StringBuilder names = new StringBuilder();
        for (CaseColumn<?> column : ALL) {
            names.append(names.length() == 0 ? "" : ", ").append(column.name);
        }
        return names.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
