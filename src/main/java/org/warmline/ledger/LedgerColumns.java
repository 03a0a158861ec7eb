package org.warmline.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tables and columns of the ledger format (spec/ledger.md), in the order the writer writes them, with their
 * English names (file names, sheet names and headers as written) and their Chinese names (accepted when reading).
 *
 * <p>The Chinese table names and the Chinese headers of {@code cases} are those of spec/ledger.md. The spec gives no
 * Chinese headers for the columns of the other tables; the ones here are this class's proposal ({@link
 * Column#chineseFromSpec()} tells which is which).
 */
public final class LedgerColumns {

    private LedgerColumns() {
    }

    /**
     * One column of a table.
     *
     * @param name            the English header, as written
     * @param chinese         the Chinese header
     * @param chineseFromSpec whether spec/ledger.md names this Chinese header (otherwise it is a proposal)
     */
    public record Column(String name, String chinese, boolean chineseFromSpec) {
    }

    /** The tables of a data set, in the order they are written. */
    public enum Table {
        UNITS("units", "组织机构", false,
                "code", "编码", "name", "名称", "kind", "类型", "parent", "上级单位"),
        STAFF("staff", "人员", false,
                "code", "编码", "name", "姓名", "post", "岗位", "unit", "所属单位"),
        CASES("cases", "工单台账", true,
                "case_no", "工单编号",
                "channel", "受理渠道",
                "category", "信访类别",
                "complex", "复杂问题",
                "topic", "问题类型",
                "citizen_name", "用户姓名",
                "citizen_phone", "联系电话",
                "address", "地址",
                "demand", "具体诉求",
                "occurred_at", "发生时间",
                "submitted_at", "提交时间",
                "recorded_at", "录入时间",
                "accepted_at", "接单时间",
                "accepted_by", "接单人",
                "dispatched_at", "派单时间",
                "unit", "责任单位",
                "handler", "责任人",
                "contacted_at", "联系用户时间",
                "site_survey", "需现场勘查",
                "surveyed_at", "现场勘查时间",
                "solution", "解决方案",
                "solution_at", "答复/方案时间",
                "completed_at", "完成时间",
                "resolved", "是否解决",
                "evaluation", "评价结果",
                "evaluation_channel", "评价方式",
                "evaluated_at", "评价时间",
                "evaluation_comment", "评价内容",
                "unsatisfied_at", "不满意评价时间",
                "reviewed_at", "复核时间",
                "review_finding", "复核结论",
                "rehandled_at", "重新办理时间",
                "explained_at", "补充解释时间"),
        REGULATIONS("regulations", "制度建设", false,
                "unit", "单位",
                "has_regulation", "已建立制度",
                "classification", "信访分类标准",
                "authority_levels", "处理权限分级",
                "escalation", "投诉升级机制",
                "archiving", "档案管理规范"),
        TRAININGS("trainings", "培训记录", false,
                "unit", "单位",
                "held_on", "培训日期",
                "title", "培训主题",
                "sign_in", "签到表",
                "courseware", "课件",
                "photos", "现场照片"),
        OUTAGES("outages", "渠道故障", false,
                "channel", "故障渠道",
                "unit", "责任单位",
                "started_at", "故障开始时间",
                "backup_started_at", "备用接听开始时间"),
        TASKS("tasks", "专项任务", false,
                "task_no", "任务编号",
                "unit", "责任单位",
                "title", "任务名称",
                "due_date", "截止日期",
                "plan_submitted", "已提交实施方案",
                "completed_on", "完成日期",
                "quality_ok", "质量达标"),
        ADJUSTMENTS("adjustments", "人工调整", false,
                "subject", "考核对象",
                "period", "考核周期",
                "item", "考核项目",
                "points", "调整分值",
                "reason", "调整理由",
                "assessor", "考核人");

        private final String tableName;
        private final String chinese;
        private final List<Column> columns;
        private final List<String> headers;
        private final List<String> chineseHeaders;

        Table(String tableName, String chinese, boolean chineseFromSpec, String... namesAndChinese) {
            this.tableName = tableName;
            this.chinese = chinese;
            List<Column> cols = new ArrayList<>();
            List<String> en = new ArrayList<>();
            List<String> zh = new ArrayList<>();
            for (int i = 0; i < namesAndChinese.length; i += 2) {
                cols.add(new Column(namesAndChinese[i], namesAndChinese[i + 1], chineseFromSpec));
                en.add(namesAndChinese[i]);
                zh.add(namesAndChinese[i + 1]);
            }
            this.columns = Collections.unmodifiableList(cols);
            this.headers = Collections.unmodifiableList(en);
            this.chineseHeaders = Collections.unmodifiableList(zh);
        }

        /** The English table name: the sheet name, and the file name without {@code .csv}. */
        public String tableName() {
            return tableName;
        }

        /** The Chinese table name (spec/ledger.md), accepted as a file or sheet name too. */
        public String chinese() {
            return chinese;
        }

        /** The CSV file name, e.g. {@code cases.csv}. */
        public String fileName() {
            return tableName + ".csv";
        }

        /** The columns in the order they are written. */
        public List<Column> columns() {
            return columns;
        }

        /** The English headers in the order they are written. */
        public List<String> headers() {
            return headers;
        }

        /** The Chinese headers, in the same order as {@link #headers()}. */
        public List<String> chineseHeaders() {
            return chineseHeaders;
        }

        /** The position of a column given by its English or Chinese header (trimmed, English in any case), or -1. */
        public int indexOf(String header) {
            if (header == null) {
                return -1;
            }
            String h = header.trim();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (c.name().equalsIgnoreCase(h) || c.chinese().equals(h)) {
                    return i;
                }
            }
            return -1;
        }

        /** The table given by its English (any case) or Chinese name, with or without {@code .csv}; or null. */
        public static Table lookup(String name) {
            if (name == null) {
                return null;
            }
            String n = name.trim();
            if (n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                n = n.substring(0, n.length() - 4);
            }
            for (Table t : values()) {
                if (t.tableName.equalsIgnoreCase(n) || t.chinese.equals(n)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The tables every data set must have (spec/ledger.md): {@code cases} and {@code units}. */
    public static final List<Table> REQUIRED = List.of(Table.UNITS, Table.CASES);
}
