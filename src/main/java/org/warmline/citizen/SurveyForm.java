package org.warmline.citizen;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.EvaluationLevel;

/**
 * The satisfaction survey of a tracking link: the level, the citizen's answer to "问题是否已解决" (for a complex case:
 * whether they accept the rectification; asked where the resolution is the citizen's to confirm) and, if they like,
 * their own words.
 */
class SurveyForm {

    @NotNull(message = "{citizen.survey.level.required}")
    private EvaluationLevel level;

    @Size(max = 1000, message = "{citizen.survey.comment.size}")
    private String comment;

    private Boolean resolved;

    public EvaluationLevel getLevel() { return level; }
    public void setLevel(EvaluationLevel level) { this.level = level; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment == null || comment.isBlank() ? null : comment.trim(); }
    public Boolean getResolved() { return resolved; }
    public void setResolved(Boolean resolved) { this.resolved = resolved; }
}
