package org.warmline.escalation;

/**
 * A notification channel (in the application, e-mail, SMS, WeCom, …). Each implementation is a Spring bean with its
 * channel name; {@link Notifications} sends a notice through the channels listed in
 * {@code warmline.notifications.channels} (default {@code in-app} only, so an adapter added later is off until listed).
 */
public interface Notifier {

    /** The channel's name in {@code warmline.notifications.channels}, e.g. {@code in-app}, {@code email}. */
    String channel();

    /** Sends the notice to its recipients. */
    void send(Notice notice);

    /**
     * Whether the channel writes into the application's database and so is sent inside the caller's transaction (and
     * rolled back with it). Channels that leave the application (e-mail, SMS) return false and are sent only after the
     * transaction commits.
     */
    default boolean inTransaction() {
        return false;
    }
}
