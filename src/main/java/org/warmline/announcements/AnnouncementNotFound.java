package org.warmline.announcements;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;
import org.warmline.web.Problems;

/** No announcement has that id (pages and API answer 404). */
public class AnnouncementNotFound extends RuntimeException implements ApiProblem {

    public AnnouncementNotFound(long id) {
        super("There is no announcement " + id + ".");
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return "not-found";
    }

    @Override
    public MessageSourceResolvable detail() {
        return Problems.message("announcement.notFound");
    }
}
