package org.warmline.ledger;

/** 评价结果 (docs/ledger.md). */
public enum EvaluationLevel implements Coded {
    SATISFIED("满意"),
    BASIC("基本满意"),
    UNSATISFIED("不满意");

    private final String chinese;

    EvaluationLevel(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
