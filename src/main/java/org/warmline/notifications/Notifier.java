package org.warmline.notifications;

import java.util.List;

/**
 * A channel outside the application (e-mail, WeCom group robot, SMS), off until configured. {@link Notifications}
 * asks it where a notice goes ({@link #addresses}) and writes one outbox row per address in the desk's transaction;
 * the outbox job later hands each row to {@link #deliver}, retrying with back-off while it fails.
 */
public interface Notifier {

    /** The channel's name: {@code email}, {@code wecom}, {@code sms}. */
    String channel();

    /** Whether the channel's settings are given; a channel that is not configured sends nothing. */
    boolean configured();

    /**
     * Where a notice to these people goes on this channel: one address per message (an e-mail address, a mobile
     * number), or a single null for a channel that posts to its own group. Empty: nothing to send.
     */
    List<String> addresses(List<Contact> recipients);

    /**
     * Delivers one message.
     *
     * @throws Exception when it was not delivered (the server is down, refused it or answered something unreadable):
     *                   the outbox tries again later
     */
    void deliver(OutgoingMessage message) throws Exception;

    /** A recipient's addresses outside the application (either may be null). */
    record Contact(long accountId, String email, String mobile) {
    }

    /** One message of the outbox as a channel delivers it. */
    record OutgoingMessage(long id, String channel, String recipient, String subject, String body, int attempt) {
    }
}
