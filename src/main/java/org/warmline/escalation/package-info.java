/**
 * Escalation (投诉升级机制, docs/desk.md "Escalation"): a scheduled job raises every open case
 * with a red clock one level up the unit tree at its deadline and one more for each further allowance that passes,
 * until the top (the HQ customer service unit); each level reached is recorded once (table {@code escalation}, guarded
 * by a ShedLock lock across instances and a unique constraint), written in the case history and notified to that
 * level's managers ({@link org.warmline.notifications.Notifications}). After the top, reminders go to the top's
 * managers as notifications only, at most one per case, working day and recipient.
 */
package org.warmline.escalation;
