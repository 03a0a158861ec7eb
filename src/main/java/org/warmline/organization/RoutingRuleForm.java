package org.warmline.organization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The form that adds a routing rule. */
class RoutingRuleForm {

    @NotNull(message = "{validation.priority.required}")
    @Min(value = 0, message = "{validation.priority.range}")
    @Max(value = 1_000_000, message = "{validation.priority.range}")
    private Integer priority = 100;

    @NotNull(message = "{validation.matchKind.required}")
    private RoutingRule.MatchKind matchKind;

    @NotBlank(message = "{validation.matchValue.required}")
    @Size(max = 200, message = "{validation.matchValue.size}")
    private String matchValue;

    @NotBlank(message = "{validation.unit.required}")
    private String unit;

    private String steward;

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    public RoutingRule.MatchKind getMatchKind() {
        return matchKind;
    }

    public void setMatchKind(RoutingRule.MatchKind matchKind) {
        this.matchKind = matchKind;
    }

    public String getMatchValue() {
        return matchValue;
    }

    public void setMatchValue(String matchValue) {
        this.matchValue = matchValue == null ? null : matchValue.trim();
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit == null ? null : unit.trim();
    }

    public String getSteward() {
        return steward;
    }

    public void setSteward(String steward) {
        this.steward = steward == null || steward.isBlank() ? null : steward.trim();
    }
}
