/**
 * Notifications (docs/desk.md "Escalation"): notices to signed-in users, kept in the
 * application (table {@code notification}, a message key and its arguments read in each viewer's language; the bell of
 * the shared layout, {@code /notifications}, {@code /api/notifications}) and, where configured, sent outside it through
 * the {@link org.warmline.notifications.Notifier} channels — e-mail, a WeCom group robot, SMS through an HTTP gateway
 * (which also carries the desk's messages to citizens) — by a durable outbox in the database that a scheduled job
 * delivers and retries with back-off, never blocking or failing the desk action that caused it.
 */
package org.warmline.notifications;
