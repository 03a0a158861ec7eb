package org.warmline.records;

import jakarta.validation.constraints.NotBlank;

/** The regulation form (制度建设) of one unit: whether it has regulations, and which of the four elements they cover. */
class RegulationForm {

    @NotBlank(message = "{records.unit.required}")
    private String unit;
    private boolean hasRegulation;
    private boolean classification;
    private boolean authorityLevels;
    private boolean escalation;
    private boolean archiving;

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit == null ? null : unit.trim();
    }

    public boolean isHasRegulation() {
        return hasRegulation;
    }

    public void setHasRegulation(boolean hasRegulation) {
        this.hasRegulation = hasRegulation;
    }

    public boolean isClassification() {
        return classification;
    }

    public void setClassification(boolean classification) {
        this.classification = classification;
    }

    public boolean isAuthorityLevels() {
        return authorityLevels;
    }

    public void setAuthorityLevels(boolean authorityLevels) {
        this.authorityLevels = authorityLevels;
    }

    public boolean isEscalation() {
        return escalation;
    }

    public void setEscalation(boolean escalation) {
        this.escalation = escalation;
    }

    public boolean isArchiving() {
        return archiving;
    }

    public void setArchiving(boolean archiving) {
        this.archiving = archiving;
    }
}
