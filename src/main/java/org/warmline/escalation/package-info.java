/**
 * Escalation (投诉升级机制, spec/workflow.md "Clocks, warnings and escalation"): a scheduled job raises every open case
 * with a red clock one level up the unit tree at its deadline and again for each further allowance that passes, records
 * each step once (table {@code escalation}, guarded by a ShedLock lock across instances and a unique constraint), writes
 * it in the case history and notifies that level's managers through the {@link org.warmline.escalation.Notifier}
 * channels (in-app by default; {@link org.warmline.escalation.Notifications} reads them back).
 */
package org.warmline.escalation;
