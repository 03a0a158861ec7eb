package org.warmline.assessment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.warmline.calendar.Period;
import org.warmline.ledger.Regulation;
import org.warmline.scheme.Scheme;

/**
 * 1.1 制度建设 (regulations, {@code basic.institution}; docs/assessment.md): per unit, from its row of the
 * {@code regulations} table (or its nearest ancestor's): no regulation loses {@code noRegulation}, otherwise each of the
 * four elements missing loses {@code missingElement}; no row up the tree loses {@code noRow}. Settings:
 * {@code items.basic.institution}.
 */
final class BasicInstitution implements Item {

    private static final String[] ELEMENTS = {"classification", "authority_levels", "escalation", "archiving"};

    private final Scheme.Institution settings;
    private final Organization org;
    private final Reasons reasons;
    /** Each unit's row (the first one when a unit has several). */
    private final Map<String, Regulation> rows = new HashMap<>();

    BasicInstitution(Scheme.Institution settings, List<Regulation> regulations, Organization org, Reasons reasons) {
        this.settings = settings;
        this.org = org;
        this.reasons = reasons;
        for (Regulation r : regulations) {
            rows.putIfAbsent(r.unit(), r);
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        Regulation row = null;
        List<String> chain = org.chain(subject.code);
        for (int i = 0; i < chain.size() && row == null; i++) {
            if (i > 0 && !settings.inheritFromAncestor()) {
                break;
            }
            row = rows.get(chain.get(i));
        }
        if (row == null) {
            score.deduct(new Entry("institution.no-row", settings.noRow(), subject.code,
                    reasons.text("institution.no-row", subject.code)));
            return;
        }
        if (!row.hasRegulation()) {
            score.deduct(new Entry("institution.no-regulation", settings.noRegulation(), row.unit(),
                    reasons.text("institution.no-regulation", subject.code, row.unit())));
            return;
        }
        boolean[] present = {row.classification(), row.authorityLevels(), row.escalation(), row.archiving()};
        for (int i = 0; i < ELEMENTS.length; i++) {
            if (!present[i]) {
                score.deduct(new Entry("institution.missing-element", settings.missingElement(), row.unit(),
                        reasons.text("institution.missing-element", reasons.text("element." + ELEMENTS[i]), row.unit())));
            }
        }
    }
}
