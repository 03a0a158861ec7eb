package org.warmline.security;

/** The roles of the desk (docs/desk.md, "Roles and data scope"), each with its Chinese name. */
public enum Role {

    /** System administrator: sees everything, manages units, staff, accounts, calendar, schemes, channels. */
    ADMIN("系统管理员"),
    /** HQ assessment office: sees everything, read-only on cases; runs and publishes assessments. */
    ASSESSOR("考核专员"),
    /** Customer service agent (客服专员): all cases; registers, accepts, dispatches, calls back. */
    AGENT("客服专员"),
    /** Head of a branch, station, team or area: the cases of their unit's subtree. */
    UNIT_MANAGER("单位负责人"),
    /** Steward (片区管家) or repair team member: the cases assigned to them or their team. */
    HANDLER("处理人员");

    private final String chineseName;

    Role(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The role's name in Chinese, as the pages show it. */
    public String chineseName() {
        return chineseName;
    }

    /** The Spring Security authority of the role, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the role sees every case (no unit or person restriction). */
    public boolean seesAllCases() {
        return this == ADMIN || this == ASSESSOR || this == AGENT;
    }
}
