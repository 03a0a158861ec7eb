package org.warmline.evaluation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.EvaluationLevel;

/**
 * A callback's record (回访记录): the version of the case the agent saw, the level, the citizen's own words and their
 * answer to "问题是否已解决" (for a complex case: whether they accept the rectification), which the page requires
 * where the case's resolution is the citizen's to confirm.
 */
class CallbackForm {

    @NotNull(message = "{callback.version.required}")
    private Integer version;

    @NotNull(message = "{callback.level.required}")
    private EvaluationLevel level;

    @Size(max = 4000, message = "{callback.words.size}")
    private String words;

    private Boolean resolved;

    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
    public EvaluationLevel getLevel() { return level; }
    public void setLevel(EvaluationLevel level) { this.level = level; }
    public String getWords() { return words; }
    public void setWords(String words) { this.words = words == null || words.isBlank() ? null : words.trim(); }
    public Boolean getResolved() { return resolved; }
    public void setResolved(Boolean resolved) { this.resolved = resolved; }
}
