package org.warmline.announcements;

/** The form that closes an announcement: when heat came back (a {@code datetime-local} value; empty: now). */
class CloseForm {

    private String restoredAt;
    private int version;

    public String getRestoredAt() { return restoredAt; }
    public void setRestoredAt(String restoredAt) { this.restoredAt = restoredAt; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
