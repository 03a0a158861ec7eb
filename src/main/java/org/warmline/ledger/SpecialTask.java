package org.warmline.ledger;

import java.time.LocalDate;

/**
 * A special task (专项任务) assigned to a unit.
 *
 * @param taskNo        the task number
 * @param unit          the unit's code
 * @param title         what the task is
 * @param dueDate       the due date
 * @param planSubmitted whether the implementation plan was submitted
 * @param completedOn   the completion date, or {@code null}
 * @param qualityOk     whether the quality met the standard; {@code null} when not yet judged
 */
public record SpecialTask(String taskNo, String unit, String title, LocalDate dueDate, boolean planSubmitted,
                          LocalDate completedOn, Boolean qualityOk) {
}
