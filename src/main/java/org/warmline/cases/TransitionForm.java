package org.warmline.cases;

/**
 * The fields of the case page's transition forms: the case's {@code version} as the user saw it (hidden), and what the
 * transition needs (unit and handler to dispatch, a text for a solution, answer, comment or reason, the handler's view
 * whether resolved, the evaluation level and the review finding by code, the citizen's on-site acceptance). Anything missing or unreadable is left to the case to refuse.
 */
class TransitionForm {

    private String version;
    private String unit;
    private String handler;
    private String text;
    private boolean resolved;
    private String level;
    private String finding;
    private boolean onSiteAccepted;
    private String accepted;

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The version, or -1 when missing or unreadable (and so stale). */
    int versionNumber() {
        try {
            return version == null ? -1 : Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = trim(unit); }
    public String getHandler() { return handler; }
    public void setHandler(String handler) { this.handler = trim(handler); }
    public String getText() { return text; }
    public void setText(String text) { this.text = trim(text); }
    public boolean isResolved() { return resolved; }
    public void setResolved(boolean resolved) { this.resolved = resolved; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = trim(level); }
    public String getFinding() { return finding; }
    public void setFinding(String finding) { this.finding = trim(finding); }
    /** At completion of a complex case: the citizen accepted the rectification on site. */
    public boolean isOnSiteAccepted() { return onSiteAccepted; }
    public void setOnSiteAccepted(boolean onSiteAccepted) { this.onSiteAccepted = onSiteAccepted; }
    /** The on-site acceptance after completion: {@code true} or {@code false}; anything else is no answer. */
    public String getAccepted() { return accepted; }
    public void setAccepted(String accepted) { this.accepted = trim(accepted); }
}
