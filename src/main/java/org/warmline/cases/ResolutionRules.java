package org.warmline.cases;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.warmline.ledger.Category;

/**
 * How the desk establishes a case's resolution (scheme 2.3; docs/scheme-notes.md): a complex problem by the citizen's
 * acceptance, a complaint by the citizen's confirmation, a consultation by the absence of a follow-up by the same
 * citizen (phone) on the same topic within {@code warmline.resolution.follow-up-window} (default 7 days) after its
 * answer. The scheme does not say how a suggestion is judged: {@code warmline.resolution.suggestions} is
 * {@code follow-up} (default: as a consultation, answered and not asked again) or {@code confirmation} (as a complaint).
 */
@Component
public class ResolutionRules {

    private final Duration followUpWindow;
    private final boolean suggestionsConfirmed;

    public ResolutionRules(@Value("${warmline.resolution.follow-up-window:P7D}") Duration followUpWindow,
                           @Value("${warmline.resolution.suggestions:follow-up}") String suggestions) {
        if (followUpWindow.isNegative() || followUpWindow.isZero()) {
            throw new IllegalArgumentException("warmline.resolution.follow-up-window must be positive: "
                    + followUpWindow);
        }
        if (!"follow-up".equals(suggestions) && !"confirmation".equals(suggestions)) {
            throw new IllegalArgumentException("warmline.resolution.suggestions must be follow-up or confirmation: "
                    + suggestions);
        }
        this.followUpWindow = followUpWindow;
        this.suggestionsConfirmed = "confirmation".equals(suggestions);
    }

    /** The defaults: a 7-day window, suggestions as consultations. */
    public static ResolutionRules defaults() {
        return new ResolutionRules(Duration.ofDays(7), "follow-up");
    }

    /** The follow-up window of a consultation. */
    public Duration followUpWindow() {
        return followUpWindow;
    }

    /** How the case's resolution is established. */
    public Resolution.Rule ruleOf(Case c) {
        if (c.complex()) {
            return Resolution.Rule.ACCEPTANCE;
        }
        if (c.category() == Category.CONSULTATION
                || (c.category() == Category.SUGGESTION && !suggestionsConfirmed)) {
            return Resolution.Rule.NO_FOLLOW_UP;
        }
        return Resolution.Rule.CONFIRMATION;
    }
}
