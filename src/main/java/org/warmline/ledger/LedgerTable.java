package org.warmline.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of a data set (docs/ledger.md) with their columns: the English name, the Chinese name (accepted as a header
 * too) and whether the column must be present in the header. Column positions here are the indexes the reader uses. The
 * cases table's columns are {@link CaseColumn#ALL}.
 */
enum LedgerTable {
    UNITS("units", "组织机构", true, List.of(
            col("code", "编码", true), col("name", "名称", false), col("kind", "类型", true),
            col("parent", "上级单位", false))),
    STAFF("staff", "人员", false, List.of(
            col("code", "工号", true), col("name", "姓名", false), col("post", "岗位", true),
            col("unit", "所属单位", false))),
    CASES("cases", "工单台账", true, CaseColumn.ALL.stream()
            .map(c -> col(c.name(), c.chinese(), c.required())).toList()),
    REGULATIONS("regulations", "制度建设", false, List.of(
            col("unit", "单位", true), col("has_regulation", "是否建立制度", false),
            col("classification", "信访分类标准", false), col("authority_levels", "处理权限分级", false),
            col("escalation", "投诉升级机制", false), col("archiving", "档案管理规范", false))),
    TRAININGS("trainings", "培训记录", false, List.of(
            col("unit", "单位", true), col("held_on", "培训日期", true), col("title", "培训主题", false),
            col("sign_in", "签到表", false), col("courseware", "课件", false), col("photos", "现场照片", false))),
    OUTAGES("outages", "渠道故障", false, List.of(
            col("channel", "渠道", false), col("unit", "单位", false), col("started_at", "故障开始时间", true),
            col("backup_started_at", "备用接听开始时间", false))),
    TASKS("tasks", "专项任务", false, List.of(
            col("task_no", "任务编号", false), col("unit", "责任单位", true), col("title", "任务名称", false),
            col("due_date", "截止日期", true), col("plan_submitted", "已报实施方案", false),
            col("completed_on", "完成日期", false), col("quality_ok", "质量达标", false))),
    ADJUSTMENTS("adjustments", "人工调整", false, List.of(
            col("subject", "考核对象", true), col("period", "考核周期", true), col("item", "考核项目", true),
            col("points", "调整分值", true), col("reason", "调整原因", true), col("assessor", "考核人", false)));

    /** A column: English and Chinese header, and whether the header must have it. */
    record Column(String english, String chinese, boolean required) {
    }

    private static Column col(String english, String chinese, boolean required) {
        return new Column(english, chinese, required);
    }

    final String english;
    final String chinese;
    final boolean required;
    final List<Column> columns;
    private final Map<String, Integer> byHeader = new HashMap<>();

    LedgerTable(String english, String chinese, boolean required, List<Column> columns) {
        this.english = english;
        this.chinese = chinese;
        this.required = required;
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            byHeader.put(columns.get(i).english(), i);
            byHeader.put(columns.get(i).chinese(), i);
        }
    }

    /** The index of the column a header names (English in any letter case, or Chinese), or -1. */
    int column(String header) {
        String key = header.trim();
        Integer index = byHeader.get(key.toLowerCase(Locale.ROOT));
        if (index == null) {
            index = byHeader.get(key);
        }
        return index == null ? -1 : index;
    }

    /** The table a file or sheet name (without extension) names, English in any letter case or Chinese, or null. */
    static LedgerTable named(String name) {
        String key = name.trim();
        for (LedgerTable table : values()) {
            if (table.english.equalsIgnoreCase(key) || table.chinese.equals(key)) {
                return table;
            }
        }
        return null;
    }
}
