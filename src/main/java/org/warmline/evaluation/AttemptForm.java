package org.warmline.evaluation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A callback attempt that did not reach the citizen: the version of the case the agent saw, the outcome and when
 * (the value of a {@code datetime-local} input in the desk's zone; empty for now).
 */
class AttemptForm {

    @NotNull(message = "{callback.version.required}")
    private Integer version;

    @NotNull(message = "{callback.outcome.required}")
    private CallbackOutcome outcome;

    @Size(max = 40)
    private String at;

    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
    public CallbackOutcome getOutcome() { return outcome; }
    public void setOutcome(CallbackOutcome outcome) { this.outcome = outcome; }
    public String getAt() { return at; }
    public void setAt(String at) { this.at = at == null || at.isBlank() ? null : at.trim(); }
}
