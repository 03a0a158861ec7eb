package org.warmline.cases;

import java.time.Instant;

import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;

/**
 * What happened to a case, in the past tense, published by {@link CaseDesk} through Spring's
 * {@code ApplicationEventPublisher} once the change is saved (within its transaction).
 */
public sealed interface CaseEvent {

    CaseId caseId();

    String caseNo();

    /** Who made the change (a staff code or, without one, a user name; {@code citizen} for online submissions). */
    String actor();

    Instant at();

    record CaseRegistered(CaseId caseId, String caseNo, String actor, Instant at, Channel channel) implements CaseEvent {
    }

    record CaseAccepted(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record CaseDispatched(CaseId caseId, String caseNo, String actor, Instant at, String unit, String handler)
            implements CaseEvent {
    }

    record CaseReassigned(CaseId caseId, String caseNo, String actor, Instant at, String unit, String handler)
            implements CaseEvent {
    }

    record CaseContacted(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record CaseSurveyed(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record SolutionGiven(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    /** @param handlerResolved the handler's own view at completion (not the resolution: see {@link Resolution}) */
    record CaseCompleted(CaseId caseId, String caseNo, String actor, Instant at, boolean handlerResolved)
            implements CaseEvent {
    }

    record CaseEvaluated(CaseId caseId, String caseNo, String actor, Instant at, EvaluationLevel level,
                         EvaluationChannel channel) implements CaseEvent {
    }

    record CaseReviewed(CaseId caseId, String caseNo, String actor, Instant at, ReviewFinding finding)
            implements CaseEvent {
    }

    record CaseRehandled(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record CaseExplained(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record CaseClosed(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    /** The case's resolution was recorded (scheme 2.3): the citizen's answer, an on-site acceptance, a window. */
    record ResolutionRecorded(CaseId caseId, String caseNo, String actor, Instant at, Resolution resolution,
                              Resolution.Source source) implements CaseEvent {
    }

    record CaseWithdrawn(CaseId caseId, String caseNo, String actor, Instant at, String reason) implements CaseEvent {
    }

    record NoteAdded(CaseId caseId, String caseNo, String actor, Instant at) implements CaseEvent {
    }

    record ContactAttempted(CaseId caseId, String caseNo, String actor, Instant at, ContactOutcome outcome)
            implements CaseEvent {
    }

    record FactsChanged(CaseId caseId, String caseNo, String actor, Instant at,
                        java.util.Set<org.warmline.ledger.CaseColumn<?>> facts, String reason) implements CaseEvent {
    }

    record FileAdded(CaseId caseId, String caseNo, String actor, Instant at, String fileName, boolean byCitizen)
            implements CaseEvent {
    }
}
