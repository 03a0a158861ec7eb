package org.warmline.ledger;

/** 复核结论 (docs/ledger.md). */
public enum ReviewFinding implements Coded {
    SERVICE_PROBLEM("服务问题"),
    MISUNDERSTANDING("用户误解");

    private final String chinese;

    ReviewFinding(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
