package org.warmline.records;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The form to add a manual adjustment (人工调整): subject (unit or staff code), period, item, signed points and the
 * reason. The assessor's name is the signed-in assessor's, never typed. Checked by {@link AdjustmentRules}.
 */
class AdjustmentForm {

    @NotBlank(message = "{records.subject.required}")
    @Size(max = 64, message = "{records.subject.unknown}")
    private String subject;

    @NotBlank(message = "{records.period.required}")
    private String period;

    @NotBlank(message = "{records.item.required}")
    private String item;

    @NotBlank(message = "{records.points.required}")
    private String points;

    @NotBlank(message = "{records.reason.required}")
    @Size(max = 2000, message = "{records.reason.size}")
    private String reason;

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject == null ? null : subject.trim();
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period == null ? null : period.trim();
    }

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item == null ? null : item.trim();
    }

    public String getPoints() {
        return points;
    }

    public void setPoints(String points) {
        this.points = points == null ? null : points.trim();
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason == null ? null : reason.strip();
    }
}
