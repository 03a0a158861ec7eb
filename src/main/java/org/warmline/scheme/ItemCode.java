package org.warmline.scheme;

/** The 13 items of the assessment, by their stable codes (docs/assessment.md section 5). */
public enum ItemCode {
    BASIC_INSTITUTION("basic.institution", "1.1", "制度建设"),
    BASIC_LEDGER("basic.ledger", "1.2", "台账管理"),
    BASIC_TRAINING("basic.training", "1.3", "人员培训"),
    BASIC_EQUIPMENT("basic.equipment", "1.4", "设备保障"),
    HANDLING_RESPONSE("handling.response", "2.1", "响应时效"),
    HANDLING_TIMELINESS("handling.timeliness", "2.2", "办理时效"),
    HANDLING_RESOLUTION("handling.resolution", "2.3", "解决率"),
    HANDLING_REPEAT("handling.repeat", "2.4", "重复投诉率"),
    SATISFACTION_COVERAGE("satisfaction.coverage", "3.1", "评价覆盖"),
    SATISFACTION_RESULT("satisfaction.result", "3.2", "评价结果"),
    SATISFACTION_DISSATISFIED("satisfaction.dissatisfied", "3.3", "不满意处理"),
    KEYWORK_SPECIAL("keywork.special", "4.1", "专项任务"),
    KEYWORK_OTHER("keywork.other", "4.2", "其他重点工作");

    private final String code;
    private final String number;
    private final String chinese;

    ItemCode(String code, String number, String chinese) {
        this.code = code;
        this.number = number;
        this.chinese = chinese;
    }

    /** The stable code, e.g. {@code basic.ledger}. */
    public String code() {
        return code;
    }

    /** The number in the scheme, e.g. {@code 1.2}. */
    public String number() {
        return number;
    }

    /** The Chinese name, e.g. 台账管理. */
    public String chinese() {
        return chinese;
    }

    /** The item with this code, or {@code null}. */
    public static ItemCode ofCode(String code) {
        if (code == null) {
            return null;
        }
        String value = code.trim();
        for (ItemCode item : values()) {
            if (item.code.equals(value)) {
                return item;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }
}
