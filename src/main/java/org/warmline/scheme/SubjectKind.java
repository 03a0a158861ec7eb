package org.warmline.scheme;

/**
 * The kinds of subject assessed (考核对象): five kinds of unit and two front-line posts. The names equal the unit kind
 * and staff post codes of the ledger.
 */
public enum SubjectKind {
    HQ_SERVICE("总部客户服务部"),
    BRANCH("区域分公司"),
    STATION("直属供热站"),
    TEAM("维修班组"),
    AREA("片区"),
    AGENT("客服专员"),
    STEWARD("片区管家");

    private final String chinese;

    SubjectKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Whether subjects of this kind are people rather than units. */
    public boolean isPerson() {
        return this == AGENT || this == STEWARD;
    }
}
