package org.warmline.evaluation;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.warmline.cases.CaseClocks;
import org.warmline.security.CurrentUser;

/**
 * The dashboard's evaluation figures for the signed-in account, for templates as {@code @evaluationBoard.current()}
 * (fragment {@code evaluation/parts :: board}): the month's PHONE / ONLINE mix against the target, the callbacks
 * waiting and the open reviews by the colour of their 24 h clock, all counted exactly by the database.
 */
@Component("evaluationBoard")
public class EvaluationBoard {

    /**
     * @param mix              the month's evaluations by channel against the scheme's target
     * @param callbacksWaiting completed cases waiting for a callback
     * @param reviewsByColour  open reviews (clock running) by clock colour
     * @param reviewsPending   reviewed cases whose finding is not carried out yet
     */
    public record Board(EvaluationMix mix, long callbacksWaiting, Map<CaseClocks.Colour, Long> reviewsByColour,
                        long reviewsPending) {
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
            org.warmline.cases.CaseRepository.ClockCounts reviews = evaluations.reviewCounts(account, now);
            Map<CaseClocks.Colour, Long> byColour = new java.util.EnumMap<>(CaseClocks.Colour.class);
            byColour.put(CaseClocks.Colour.GREEN, reviews.green());
            byColour.put(CaseClocks.Colour.AMBER, reviews.amber());
            byColour.put(CaseClocks.Colour.RED, reviews.red());
            return new Board(evaluations.mix(account, evaluations.currentPeriod(now)),
                    evaluations.callbacksWaiting(account), byColour, reviews.none());
        }).orElse(null);
    }
}
