package org.warmline.webhooks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseEvent;
import org.warmline.cases.CaseId;
import org.warmline.escalation.CaseEscalated;
import org.warmline.scheme.Scheme;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the webhooks of the desk's events to the outbox ({@link WebhookDeliveries#enqueue}) in the transaction that
 * publishes them (the desk action's, or the escalation step's), under a savepoint: an event no endpoint receives costs
 * nothing, and one that cannot be written is logged and dropped, never failing the desk action.
 *
 * <p>The payload, in the manner of the Standard Webhooks specification:
 * {@code {"type": "case.completed", "timestamp": …, "data": {…}}} where {@code data} is the case as it is after the
 * event — number, the 12345 ticket, channel, category, complex, topic, state, unit, handler, submitted — with who did
 * it and when, and what the event adds (the solution, the evaluation, the escalation's clock and level). The
 * citizen's name, phone, address and words are never sent. Instants are ISO-8601 with the scheme zone's offset.
 */
@Component
class WebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final CaseDesk desk;
    private final ZoneId zone;
    private final TransactionTemplate savepoint;

    WebhookEvents(WebhookEndpoints endpoints, WebhookDeliveries deliveries, CaseDesk desk, Scheme activeScheme,
                  PlatformTransactionManager transactions) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.desk = desk;
        this.zone = ZoneId.of(activeScheme.zone());
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void caseEvent(CaseEvent event) {
        WebhookEvent.of(event).ifPresent(type -> write(type, event.caseId(), event.caseNo(), event.actor(),
                event.at(), details(event)));
    }

    @EventListener
    void escalated(CaseEscalated event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("clock", event.clock().name());
        details.put("step", event.step());
        details.put("levelUnit", event.levelUnit());
        write(WebhookEvent.CASE_ESCALATED, event.caseId(), event.caseNo(), "system", event.at(), details);
    }

    /** What an event adds to the case's data. */
    private Map<String, Object> details(CaseEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (event instanceof CaseEvent.CaseDispatched d) {
            details.put("dispatchedUnit", d.unit());
            details.put("dispatchedHandler", d.handler());
        } else if (event instanceof CaseEvent.CaseEvaluated e) {
            details.put("evaluation", e.level() == null ? null : e.level().name());
            details.put("evaluationChannel", e.channel() == null ? null : e.channel().name());
        }
        return details;
    }

    private void write(WebhookEvent type, CaseId caseId, String caseNo, String actor, Instant at,
                       Map<String, Object> details) {
        List<Long> receiving = endpoints.receiving(type);
        if (receiving.isEmpty() || caseId == null) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> desk.find(caseId).ifPresent(c -> deliveries.enqueue(type,
                    receiving, caseId.value(), c.caseNo(), payload(type, c, actor, at, details), at)));
        } catch (RuntimeException e) {
            log.error("webhook {} of case {} could not be written to the outbox: {}", type.type(), caseNo,
                    e.toString());
        }
    }

    String payload(WebhookEvent type, Case c, String actor, Instant at, Map<String, Object> details) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("caseNo", c.caseNo());
        data.put("externalTicket", c.externalTicket());
        data.put("channel", name(c.channel()));
        data.put("category", name(c.category()));
        data.put("complex", c.complex());
        data.put("topic", c.topic());
        data.put("state", name(c.state()));
        data.put("unit", c.unit());
        data.put("handler", c.handler());
        data.put("submittedAt", time(c.submittedAt()));
        data.put("actor", actor);
        data.put("at", time(at));
        if (type == WebhookEvent.CASE_SOLUTION_GIVEN || type == WebhookEvent.CASE_COMPLETED) {
            data.put("solution", c.solution());
        }
        if (type == WebhookEvent.CASE_COMPLETED) {
            data.put("completedAt", time(c.completedAt()));
        }
        data.putAll(details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.type());
        body.put("timestamp", time(at));
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    private String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
