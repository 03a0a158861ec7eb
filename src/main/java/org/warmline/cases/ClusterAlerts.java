package org.warmline.cases;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the dashboard reads cluster alerts (多户串联故障, docs/desk.md "Intake") from: several households of the
 * same building or station reporting the same topic within a short window. The desk itself detects none ({@link #NONE});
 * a module that detects clusters provides a bean of this type and the dashboard lists what it returns.
 */
@FunctionalInterface
public interface ClusterAlerts {

    /**
     * One alert: the building or station/area the cases share ({@code key}), their topic, the case numbers (oldest
     * first) and the first and last submission.
     */
    record Alert(String key, String topic, List<String> cases, Instant firstAt, Instant lastAt) {

        public Alert {
            cases = cases == null ? List.of() : List.copyOf(cases);
        }
    }

    /**
     * The alerts standing at {@code now} among the cases a viewer could open: made of those cases only (an alert that
     * needs a case outside them is not raised), so that nothing of a case out of the viewer's scope — its number,
     * building, unit or topic — appears.
     *
     * @param visible the cases the viewer could open ({@link CaseAccess#sees})
     */
    List<Alert> alerts(Instant now, Predicate<Case> visible);

    /** No alerts: what the dashboard uses while no module provides cluster detection. */
    ClusterAlerts NONE = (now, visible) -> List.of();
}
