package org.warmline.administration;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/** The activation form of a scheme version: the first day of the month it applies from. */
class ActivationForm {

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate activeFrom;

    public LocalDate getActiveFrom() {
        return activeFrom;
    }

    public void setActiveFrom(LocalDate activeFrom) {
        this.activeFrom = activeFrom;
    }
}
