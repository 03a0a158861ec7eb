package org.warmline.ledger;

/** 信访类别 (docs/ledger.md). */
public enum Category implements Coded {
    CONSULTATION("咨询"),
    COMPLAINT("投诉"),
    SUGGESTION("建议");

    private final String chinese;

    Category(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
