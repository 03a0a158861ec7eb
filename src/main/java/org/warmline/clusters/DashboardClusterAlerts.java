package org.warmline.clusters;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;
import org.warmline.cases.Case;
import org.warmline.cases.ClusterAlerts;

/** Gives the dashboard the clusters this module detects. */
@Component
class DashboardClusterAlerts implements ClusterAlerts {

    private final ClusterDetector detector;

    DashboardClusterAlerts(ClusterDetector detector) {
        this.detector = detector;
    }

    @Override
    public List<Alert> alerts(Instant now, Predicate<Case> visible) {
        return detector.alerts(now, visible).stream()
                .map(a -> new Alert(a.key(), a.topic(), a.cases(), a.firstAt(), a.lastAt()))
                .toList();
    }
}
