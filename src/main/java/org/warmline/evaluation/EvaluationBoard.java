package org.warmline.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.warmline.cases.CaseClocks;
import org.warmline.security.CurrentUser;

/**
 * The dashboard's evaluation figures for the signed-in account, for templates as {@code @evaluationBoard.current()}
 * (fragment {@code evaluation/parts :: board}): the month's PHONE / ONLINE mix against the target, the callbacks
 * waiting and the open reviews by the colour of their 24 h clock.
 */
@Component("evaluationBoard")
public class EvaluationBoard {

    /**
     * @param mix              the month's evaluations by channel against the scheme's target
     * @param callbacksWaiting completed cases waiting for a callback
     * @param reviewsByColour  open reviews (clock running) by clock colour
     * @param reviewsPending   reviewed cases whose finding is not carried out yet
     */
    public record Board(EvaluationMix mix, long callbacksWaiting, Map<CaseClocks.Colour, Integer> reviewsByColour,
                        int reviewsPending) {
    }

    private final EvaluationDesk evaluations;
    private final CurrentUser currentUser;

    EvaluationBoard(EvaluationDesk evaluations, CurrentUser currentUser) {
        this.evaluations = evaluations;
        this.currentUser = currentUser;
    }

    /** The figures for the signed-in account, or null when nobody is signed in. */
    public Board current() {
        return currentUser.account().map(account -> {
            Instant now = Instant.now();
            List<EvaluationDesk.UnderReview> reviews = evaluations.reviewQueue(account, now);
            return new Board(evaluations.mix(account, evaluations.currentPeriod(now)),
                    evaluations.callbacksWaiting(account), evaluations.reviewClocks(reviews),
                    (int) reviews.stream().filter(r -> r.clock() == null).count());
        }).orElse(null);
    }
}
