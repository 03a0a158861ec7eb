package org.warmline.assessment;

import java.time.Instant;
import java.util.Locale;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.Scheme;

/**
 * The assessment engine: scores a data set for a period as of an instant with a scheme (spec/assessment.md).
 */
public final class AssessmentEngine {

    private final Scheme scheme;
    private final WorkingCalendar calendar;
    private final Locale locale;

    public AssessmentEngine(Scheme scheme, WorkingCalendar calendar, Locale locale) {
        this.scheme = scheme;
        this.calendar = calendar;
        this.locale = locale;
    }

    /** Assesses every subject of the data set for the period, as of {@code asOf}. */
    public AssessmentResult assess(DataSet data, Period period, Instant asOf) {
        throw new UnsupportedOperationException("engine not yet written");
    }
}
