package org.warmline.cases;

/**
 * The fields of the case page's work forms, as typed: a note's text; a contact attempt's outcome and remark; a
 * correction's facts and reason; the case's {@code version} as the user saw it. Anything missing or unreadable is left
 * to the case to refuse.
 */
class CaseWorkForm {

    private String version;
    private String text;
    private String outcome;
    private String remark;
    private String reason;
    private String category;
    private String topic;
    private String complex;
    private String address;
    private String citizenName;
    private String citizenPhone;

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
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getRemark() { return remark; }
    public void setRemark(String remark) { this.remark = remark; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getComplex() { return complex; }
    public void setComplex(String complex) { this.complex = complex; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getCitizenName() { return citizenName; }
    public void setCitizenName(String citizenName) { this.citizenName = citizenName; }
    public String getCitizenPhone() { return citizenPhone; }
    public void setCitizenPhone(String citizenPhone) { this.citizenPhone = citizenPhone; }
}
