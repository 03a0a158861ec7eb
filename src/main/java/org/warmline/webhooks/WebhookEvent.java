package org.warmline.webhooks;

import java.util.Arrays;
import java.util.Optional;

import org.warmline.cases.CaseEvent;
import org.warmline.escalation.CaseEscalated;

/** The case events an endpoint can receive, by their type names in the payload ({@code type}). */
public enum WebhookEvent {
    CASE_REGISTERED("case.registered"),
    CASE_DISPATCHED("case.dispatched"),
    CASE_SOLUTION_GIVEN("case.solution_given"),
    CASE_COMPLETED("case.completed"),
    CASE_EVALUATED("case.evaluated"),
    CASE_CLOSED("case.closed"),
    CASE_ESCALATED("case.escalated");

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    /** The type name, e.g. {@code case.completed}. */
    public String type() {
        return type;
    }

    /** The event with this type name. */
    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }

    /** The webhook event of a desk event, or empty for the desk events no endpoint receives. */
    static Optional<WebhookEvent> of(Object event) {
        WebhookEvent type = null;
        if (event instanceof CaseEvent.CaseRegistered) {
            type = CASE_REGISTERED;
        } else if (event instanceof CaseEvent.CaseDispatched) {
            type = CASE_DISPATCHED;
        } else if (event instanceof CaseEvent.SolutionGiven) {
            type = CASE_SOLUTION_GIVEN;
        } else if (event instanceof CaseEvent.CaseCompleted) {
            type = CASE_COMPLETED;
        } else if (event instanceof CaseEvent.CaseEvaluated) {
            type = CASE_EVALUATED;
        } else if (event instanceof CaseEvent.CaseClosed) {
            type = CASE_CLOSED;
        } else if (event instanceof CaseEscalated) {
            type = CASE_ESCALATED;
        }
        return Optional.ofNullable(type);
    }
}
