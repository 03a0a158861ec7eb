package org.warmline.ledger;

/** 问题类型 (docs/ledger.md). */
public enum Topic implements Coded {
    TEMPERATURE("室温不达标"),
    BILLING("收费争议"),
    LEAK("漏水"),
    METERING("计量争议"),
    OUTAGE("停热"),
    SERVICE("服务态度"),
    OTHER("其他");

    private final String chinese;

    Topic(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /**
     * The topic as the engine compares it: the code when the text is a known code (any letter case) or its Chinese
     * name, otherwise the trimmed text; {@code null} when empty.
     */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Topic known = Coded.lookup(Topic.class, text);
        return known != null ? known.name() : text.trim();
    }
}
