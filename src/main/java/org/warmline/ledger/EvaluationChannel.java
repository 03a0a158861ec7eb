package org.warmline.ledger;

/** 评价方式 (docs/ledger.md). */
public enum EvaluationChannel implements Coded {
    PHONE("电话回访"),
    ONLINE("线上问卷");

    private final String chinese;

    EvaluationChannel(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
