package org.warmline.announcements;

import java.util.ArrayList;
import java.util.List;

/**
 * The form of an announcement's posting and update ({@code /announcements/new}, {@code /announcements/{id}}): the
 * stations ticked, the address patterns one a line, times as {@code datetime-local} values in the desk's zone. Checked
 * by {@link Announcements} (one rule for pages and API).
 */
class AnnouncementForm {

    private List<String> stations = new ArrayList<>();
    private String patterns;
    private String cause;
    private String startedAt;
    private String expectedRestoreAt;
    private String unit;
    private String caseNo;
    private String note;
    private int version;

    /** The command the form asks for. */
    Announcements.Command command() {
        return new Announcements.Command(stations, Announcements.Command.lines(patterns), cause, startedAt,
                expectedRestoreAt, unit, caseNo, note);
    }

    public List<String> getStations() { return stations; }
    public void setStations(List<String> stations) { this.stations = stations == null ? new ArrayList<>() : stations; }
    public String getPatterns() { return patterns; }
    public void setPatterns(String patterns) { this.patterns = patterns; }
    public String getCause() { return cause; }
    public void setCause(String cause) { this.cause = cause; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getExpectedRestoreAt() { return expectedRestoreAt; }
    public void setExpectedRestoreAt(String expectedRestoreAt) { this.expectedRestoreAt = expectedRestoreAt; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public String getCaseNo() { return caseNo; }
    public void setCaseNo(String caseNo) { this.caseNo = caseNo; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
