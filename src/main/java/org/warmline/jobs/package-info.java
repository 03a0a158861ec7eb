/**
 * The scheduled jobs' common ground: scheduling and the cluster-wide ShedLock lock provider on the application's
 * database (table {@code shedlock}). Each job lives in its module, under a lock of its own name, and is on unless its
 * setting turns it off ({@code warmline.escalation.enabled}, {@code warmline.notifications.outbox.enabled},
 * {@code warmline.cases.housekeeping.enabled}).
 */
package org.warmline.jobs;
