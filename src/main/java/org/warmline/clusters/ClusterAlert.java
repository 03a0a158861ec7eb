package org.warmline.clusters;

import java.time.Instant;
import java.util.List;

/**
 * A cluster of open cases: the building ({@code B:幸福小区3号楼}) or station/area unit ({@code U:ST01}) they share, their
 * topic, the case numbers (oldest first) and the first and last submission.
 */
public record ClusterAlert(String key, String topic, List<String> cases, Instant firstAt, Instant lastAt) {

    public ClusterAlert {
        cases = List.copyOf(cases);
    }
}
