package org.warmline.ledger;

/** 受理渠道 (docs/ledger.md). */
public enum Channel implements Coded {
    HOTLINE("热线"),
    WECHAT("微信公众号"),
    APP("APP"),
    WALK_IN("现场"),
    GOV_HOTLINE("12345转办");

    private final String chinese;

    Channel(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
