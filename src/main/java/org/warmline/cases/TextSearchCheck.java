package org.warmline.cases;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up what keeps the database from serving the desk well ({@link CaseDatabase#checkAtStart}): on
 * PostgreSQL, a case search's trigram index that is missing or cannot index Chinese. The results are the same either
 * way; only their speed suffers, so these are warnings.
 */
@Component
class TextSearchCheck {

    private final CaseDatabase database;

    TextSearchCheck(CaseDatabase database) {
        this.database = database;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        database.checkAtStart();
    }
}
