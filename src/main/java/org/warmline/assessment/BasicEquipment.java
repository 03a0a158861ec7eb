package org.warmline.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Outage;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.Instants.NONE;

/**
 * 1.4 设备保障 (channels and equipment, {@code basic.equipment}; docs/assessment.md): the channel outages of a unit (an
 * outage without a unit is the HQ_SERVICE unit's), by calendar month of their start: a month with {@code frequentOutages}
 * or more loses {@code frequentPoints}; each outage whose backup answering started more than the allowance after it
 * began (or not at all by as_of) loses {@code lateBackup}. Settings: {@code items.basic.equipment}.
 */
final class BasicEquipment implements Item {

    private final Scheme.Equipment settings;
    private final List<Outage> outages;
    private final Organization org;
    private final WorkingCalendar calendar;
    private final long asOf;
    private final Reasons reasons;
    private final Warnings warnings;

    BasicEquipment(Scheme.Equipment settings, List<Outage> outages, Organization org, WorkingCalendar calendar,
                   long asOf, Reasons reasons, Warnings warnings) {
        this.settings = settings;
        this.outages = outages;
        this.org = org;
        this.calendar = calendar;
        this.asOf = asOf;
        this.reasons = reasons;
        this.warnings = warnings;
    }

    /**
     * Warns about the outages that count for nobody: without a unit, where the organisation has no HQ_SERVICE unit.
     * The engine asks before it scores any subject this item applies to (scoring may be in two threads).
     */
    void warnAboutOwnerless() {
        for (Outage o : outages) {
            if (o.unit() == null && org.hq() == null) {
                warnings.add("no-hq", reasons.text("warning.no-hq",
                        (o.channel() == null ? "" : o.channel() + " ") + reasons.instant(o.startedAt())));
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        Map<String, List<Outage>> byMonth = new TreeMap<>();
        for (Outage o : outages) {
            String owner = o.unit() != null ? o.unit() : org.hq();
            if (!subject.code.equals(owner) || o.startedAt() > asOf) {
                continue;
            }
            LocalDate started = calendar.date(o.startedAt());
            if (period.contains(started)) {
                byMonth.computeIfAbsent(started.toString().substring(0, 7), k -> new ArrayList<>()).add(o);
            }
        }
        long allowance = settings.backupAllowance().getSeconds();
        for (Map.Entry<String, List<Outage>> month : byMonth.entrySet()) {
            List<Outage> inMonth = new ArrayList<>(month.getValue());
            inMonth.sort(Comparator.comparingLong(Outage::startedAt)
                    .thenComparing(o -> o.channel() == null ? "" : o.channel())
                    .thenComparingLong(Outage::backupStartedAt));
            if (inMonth.size() >= settings.frequentOutages()) {
                score.deduct(new Entry("equipment.frequent-outages", settings.frequentPoints(), month.getKey(),
                        reasons.text("equipment.frequent-outages", inMonth.size(), month.getKey(),
                                settings.frequentOutages())));
            }
            for (Outage o : inMonth) {
                long backup = o.backupStartedAt() != NONE && o.backupStartedAt() <= asOf ? o.backupStartedAt() : NONE;
                long waited = Numbers.seconds((backup != NONE ? backup : asOf) - o.startedAt());
                if (waited > allowance) {
                    String key = backup != NONE ? "equipment.late-backup" : "equipment.late-backup-missing";
                    score.deduct(new Entry("equipment.late-backup", settings.lateBackup(),
                            (o.channel() == null ? "" : o.channel() + " ") + reasons.instant(o.startedAt()),
                            reasons.text(key, o.channel() == null ? "" : o.channel(), reasons.instant(o.startedAt()),
                                    reasons.duration(waited), reasons.duration(allowance))));
                }
            }
        }
    }
}
