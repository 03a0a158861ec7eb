package org.warmline.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Training;
import org.warmline.scheme.Scheme;

/**
 * 1.3 人员培训 (training, {@code basic.training}; docs/assessment.md): per unit and calendar quarter, judged once the
 * quarter has ended at as_of, on the sessions held for the unit or (by default) any unit above it: no session loses
 * {@code noSession}; a session lacking a record (sign-in sheet, courseware, photos) loses {@code incompleteRecords}
 * once for the quarter. A month is judged only when it ends its quarter, a year on its four quarters. Settings:
 * {@code items.basic.training}.
 */
final class BasicTraining implements Item {

    private final Scheme.Training settings;
    private final List<Training> trainings;
    private final Organization org;
    private final WorkingCalendar calendar;
    private final long asOf;
    private final Reasons reasons;

    BasicTraining(Scheme.Training settings, List<Training> trainings, Organization org, WorkingCalendar calendar,
                  long asOf, Reasons reasons) {
        this.settings = settings;
        this.trainings = trainings;
        this.org = org;
        this.calendar = calendar;
        this.asOf = asOf;
        this.reasons = reasons;
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        List<Period> quarters = switch (period.kind()) {
            case MONTH -> period.start().getMonthValue() % 3 == 0 ? List.of(Period.quarterOf(period.start())) : List.of();
            case QUARTER -> List.of(period);
            case YEAR -> period.quarters();
        };
        List<String> counted = settings.countAncestorSessions() ? org.chain(subject.code) : List.of(subject.code);
        for (Period quarter : quarters) {
            if (calendar.startOf(quarter.end()) > asOf) {
                continue; // not ended yet
            }
            List<Training> sessions = trainings.stream()
                    .filter(tr -> counted.contains(tr.unit()) && quarter.contains(tr.heldOn()))
                    .sorted(Comparator.comparing(Training::heldOn).thenComparing(Training::unit)
                            .thenComparing(tr -> tr.title() == null ? "" : tr.title()))
                    .toList();
            if (sessions.isEmpty()) {
                score.deduct(new Entry("training.no-session", settings.noSession(), quarter.label(),
                        reasons.text("training.no-session", subject.code, quarter.label())));
                continue;
            }
            for (Training session : sessions) {
                if (!session.recordsComplete()) {
                    List<String> missing = new ArrayList<>();
                    if (!session.signIn()) {
                        missing.add(reasons.text("record.sign_in"));
                    }
                    if (!session.courseware()) {
                        missing.add(reasons.text("record.courseware"));
                    }
                    if (!session.photos()) {
                        missing.add(reasons.text("record.photos"));
                    }
                    score.deduct(new Entry("training.incomplete-records", settings.incompleteRecords(), quarter.label(),
                            reasons.text("training.incomplete-records", session.title() == null ? "" : session.title(),
                                    session.heldOn(), String.join(", ", missing))));
                    break; // once per quarter
                }
            }
        }
    }
}
