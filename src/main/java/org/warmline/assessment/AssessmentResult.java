package org.warmline.assessment;

import java.time.OffsetDateTime;
import java.util.List;

import org.warmline.calendar.Period;

/**
 * The result of assessing one period as of one instant with one scheme: every subject of the data set, and the
 * warnings about readable but inconsistent data. The same data, scheme and {@code asOf} give the same result whatever
 * the order of the rows.
 *
 * @param period   the period assessed
 * @param asOf     the instant it was computed as of, in the scheme's zone
 * @param scheme   the scheme version
 * @param warnings readable but inconsistent data, years without a holiday schedule, and the like
 * @param subjects every unit and every person, units first
 */
public record AssessmentResult(Period period, OffsetDateTime asOf, String scheme, List<String> warnings,
                               List<SubjectResult> subjects) {
}
