package org.warmline.ledger;

/** 组织机构类型 (docs/ledger.md). */
public enum UnitKind implements Coded {
    HQ_SERVICE("总部客户服务部"),
    BRANCH("区域分公司"),
    STATION("直属供热站"),
    TEAM("维修班组"),
    AREA("片区");

    private final String chinese;

    UnitKind(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }
}
