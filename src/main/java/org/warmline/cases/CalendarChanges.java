package org.warmline.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.warmline.administration.HolidayCalendarImported;

/** After a holiday schedule is imported, the open cases' stored nearest deadlines follow the new working days. */
@Component
class CalendarChanges {

    private static final Logger log = LoggerFactory.getLogger(CalendarChanges.class);

    private final CaseRepository cases;

    CalendarChanges(CaseRepository cases) {
        this.cases = cases;
    }

    @EventListener
    void on(HolidayCalendarImported imported) {
        int open = cases.refreshOpenDeadlines();
        log.info("holiday schedule {} imported: nearest deadlines of {} open cases recomputed", imported.year(), open);
    }
}
