/**
 * Signed webhooks (回调通知): an administrator registers endpoints (a URL, the case events wanted, a signing secret
 * shown once) — for example the 12345 platform's result feedback (办结反馈) — and every such event of the desk is written
 * to a durable outbox in the desk action's transaction, then delivered by a job, signed in the manner of the Standard
 * Webhooks specification ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), retried with
 * back-off, in order per case, never delaying or failing the desk; endpoints on internal addresses are refused unless
 * allowed by a setting.
 */
package org.warmline.webhooks;
