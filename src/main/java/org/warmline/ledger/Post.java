package org.warmline.ledger;

/** 岗位 (docs/ledger.md). */
public enum Post implements Coded {
    AGENT("客服专员"),
    STEWARD("片区管家");

    private final String chinese;

    Post(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
