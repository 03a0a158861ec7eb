package org.warmline.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseEvent;
import org.warmline.cases.CaseQuery;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.CaseState;
import org.warmline.evaluation.EvaluationDesk;

/**
 * The desk's meters: {@code warmline.cases.open} (gauge, tags {@code state} and {@code colour}: GREEN, AMBER, RED or
 * NONE for no running clock), {@code warmline.callbacks.waiting} (gauge), {@code warmline.cases.intake} (counter, tag
 * {@code channel}). The gauges read one grouped count of the database at most every {@value #REFRESH_SECONDS} seconds,
 * when scraped.
 */
@Component
class DeskMetrics {

    static final int REFRESH_SECONDS = 30;
    private static final Set<CaseState> OPEN = EnumSet.complementOf(EnumSet.of(CaseState.CLOSED, CaseState.WITHDRAWN));

    private record Snapshot(Instant at, Map<CaseState, CaseRepository.ClockCounts> open, long callbacksWaiting) {
    }

    private final CaseDesk desk;
    private final EvaluationDesk evaluations;
    private final MeterRegistry meters;
    private volatile Snapshot snapshot;

    DeskMetrics(CaseDesk desk, EvaluationDesk evaluations, MeterRegistry meters) {
        this.desk = desk;
        this.evaluations = evaluations;
        this.meters = meters;
        for (CaseState state : OPEN) {
            gauge(state, "GREEN", CaseRepository.ClockCounts::green);
            gauge(state, "AMBER", CaseRepository.ClockCounts::amber);
            gauge(state, "RED", CaseRepository.ClockCounts::red);
            gauge(state, "NONE", CaseRepository.ClockCounts::none);
        }
        Gauge.builder("warmline.callbacks.waiting", this, m -> m.current().callbacksWaiting())
                .description("completed cases waiting for a callback").register(meters);
    }

    private void gauge(CaseState state, String colour, ToDoubleFunction<CaseRepository.ClockCounts> value) {
        Gauge.builder("warmline.cases.open", this, m -> {
                    CaseRepository.ClockCounts counts = m.current().open().get(state);
                    return counts == null ? 0 : value.applyAsDouble(counts);
                })
                .description("open cases by state and the colour of their worst running clock")
                .tag("state", state.name()).tag("colour", colour).register(meters);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = Instant.now();
        if (s == null || s.at().plus(Duration.ofSeconds(REFRESH_SECONDS)).isBefore(now)) {
            s = new Snapshot(now, desk.clockCountsByState(CaseQuery.all().withStates(OPEN), now),
                    evaluations.callbacksWaiting());
            snapshot = s;
        }
        return s;
    }

    @EventListener
    void registered(CaseEvent.CaseRegistered event) {
        Counter.builder("warmline.cases.intake").description("cases registered, by channel")
                .tag("channel", event.channel() == null ? "NONE" : event.channel().name()).register(meters).increment();
    }
}
