package org.warmline.evaluation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.ReviewFinding;

/**
 * A review's finding (复核结论): the version of the case the agent saw, the finding and, for a misunderstanding, the
 * explanation given to the citizen.
 */
class ReviewForm {

    @NotNull(message = "{callback.version.required}")
    private Integer version;

    @NotNull(message = "{review.finding.required}")
    private ReviewFinding finding;

    @Size(max = 2000, message = "{review.explanation.size}")
    private String explanation;

    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
    public ReviewFinding getFinding() { return finding; }
    public void setFinding(ReviewFinding finding) { this.finding = finding; }
    public String getExplanation() { return explanation; }
    public void setExplanation(String explanation) {
        this.explanation = explanation == null || explanation.isBlank() ? null : explanation.trim();
    }
}
