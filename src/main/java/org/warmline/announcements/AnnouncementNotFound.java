package org.warmline.announcements;

/** No announcement has that id (pages and API answer 404). */
public class AnnouncementNotFound extends RuntimeException {

    public AnnouncementNotFound(long id) {
        super("There is no announcement " + id + ".");
    }
}
