package org.warmline.notifications;

import org.springframework.stereotype.Component;
import org.warmline.security.CurrentUser;

/**
 * The bell of the shared layout ({@code templates/fragments/layout.html}) as {@code @notificationBell.unread()}: the
 * signed-in user's unread count, one indexed count per page.
 */
@Component("notificationBell")
public class NotificationBell {

    private final Notifications notifications;
    private final CurrentUser currentUser;

    NotificationBell(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    /** The signed-in user's unread notifications, or 0 when nobody is signed in. */
    public long unread() {
        return currentUser.account().map(a -> notifications.unreadCount(a.id())).orElse(0L);
    }
}
