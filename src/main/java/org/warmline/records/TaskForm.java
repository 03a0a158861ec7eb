package org.warmline.records;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

/** The form to add a special task (专项任务): its number, unit, title and due date. */
class TaskForm {

    @NotBlank(message = "{records.taskNo.required}")
    @Size(max = 64, message = "{records.taskNo.size}")
    @Pattern(regexp = "[A-Za-z0-9_.\\-]*", message = "{records.taskNo.pattern}")
    private String taskNo;

    @NotBlank(message = "{records.unit.required}")
    private String unit;

    @NotBlank(message = "{records.title.required}")
    @Size(max = 500, message = "{records.title.size}")
    private String title;

    @NotNull(message = "{records.dueDate.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate dueDate;

    public String getTaskNo() {
        return taskNo;
    }

    public void setTaskNo(String taskNo) {
        this.taskNo = taskNo == null ? null : taskNo.trim();
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit == null ? null : unit.trim();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title == null ? null : title.strip();
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
    }

    /** A task's progress: plan submitted, completion date, quality (empty: not yet judged). */
    static class Progress {

        private boolean planSubmitted;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate completedOn;

        /** {@code true}, {@code false} or empty (not judged). */
        @Pattern(regexp = "|true|false", message = "{records.quality.invalid}")
        private String quality = "";

        public boolean isPlanSubmitted() {
            return planSubmitted;
        }

        public void setPlanSubmitted(boolean planSubmitted) {
            this.planSubmitted = planSubmitted;
        }

        public LocalDate getCompletedOn() {
            return completedOn;
        }

        public void setCompletedOn(LocalDate completedOn) {
            this.completedOn = completedOn;
        }

        public String getQuality() {
            return quality;
        }

        public void setQuality(String quality) {
            this.quality = quality == null ? "" : quality.trim();
        }

        Boolean qualityOk() {
            return quality.isEmpty() ? null : Boolean.valueOf(quality);
        }
    }
}
