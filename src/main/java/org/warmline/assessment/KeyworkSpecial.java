package org.warmline.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.SpecialTask;
import org.warmline.scheme.Scheme;

/**
 * 4.1 专项任务 (special tasks, {@code keywork.special}; docs/assessment.md): a unit's own tasks due in the period,
 * judged once due (the day after the due date has begun at as_of) or completed: no plan submitted loses
 * {@code noPlan}; each day late (to completion, or to the date of as_of) loses {@code perDayLate}; quality not up to
 * standard loses {@code poorQuality}. Settings: {@code items.keywork.special}.
 */
final class KeyworkSpecial implements Item {

    private final Scheme.Special settings;
    private final List<SpecialTask> tasks;
    private final WorkingCalendar calendar;
    private final long asOf;
    private final Reasons reasons;

    KeyworkSpecial(Scheme.Special settings, List<SpecialTask> tasks, WorkingCalendar calendar, long asOf,
                   Reasons reasons) {
        this.settings = settings;
        this.tasks = tasks;
        this.calendar = calendar;
        this.asOf = asOf;
        this.reasons = reasons;
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        LocalDate today = calendar.date(asOf);
        List<SpecialTask> own = tasks.stream()
                .filter(task -> subject.code.equals(task.unit()) && period.contains(task.dueDate()))
                .sorted(Comparator.comparing(SpecialTask::dueDate)
                        .thenComparing(task -> task.taskNo() == null ? "" : task.taskNo()))
                .toList();
        for (SpecialTask task : own) {
            boolean done = task.completedOn() != null && calendar.startOf(task.completedOn()) <= asOf;
            boolean due = calendar.startOf(task.dueDate().plusDays(1)) <= asOf;
            if (!done && !due) {
                continue;
            }
            String no = task.taskNo() == null ? "" : task.taskNo();
            String title = task.title() == null ? "" : task.title();
            if (!task.planSubmitted()) {
                score.deduct(new Entry("special.no-plan", settings.noPlan(), no, reasons.text("special.no-plan", no, title)));
            }
            LocalDate end = done ? task.completedOn() : today;
            long days = ChronoUnit.DAYS.between(task.dueDate(), end);
            if (days > 0) {
                String how = done ? reasons.text("special.late-done", task.completedOn())
                        : reasons.text("special.late-open", today);
                score.deduct(new Entry("special.late", settings.perDayLate().multiply(BigDecimal.valueOf(days)), no,
                        reasons.text("special.late", no, title, task.dueDate(), how, days)));
            }
            if (Boolean.FALSE.equals(task.qualityOk())) {
                score.deduct(new Entry("special.poor-quality", settings.poorQuality(), no,
                        reasons.text("special.poor-quality", no, title)));
            }
        }
    }
}
