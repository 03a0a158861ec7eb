package org.warmline.cases;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * How a page answers a transition the desk did not make — one rule for every page that offers one (the case page, the
 * callback and review queues): the case changed meanwhile → 409 and "the case changed"; the transition is refused →
 * 422 with the case's reason; the target is outside the account's units → 403 with the reason; the database refused
 * the write → 409 "could not be saved"; the case is gone → 404.
 *
 * @param status  the HTTP status of the page that shows the refusal
 * @param reason  the message to show, in the user's language
 * @param changed whether someone else changed the case (the page shows the case's new state)
 */
public record TransitionFailure(HttpStatus status, MessageSourceResolvable reason, boolean changed) {

    /**
     * The answer to a failure of a desk transition.
     *
     * @throws ResponseStatusException 404 for {@link CaseNotFound}
     * @throws RuntimeException        the failure itself when it is none of the desk's
     */
    public static TransitionFailure of(RuntimeException failure) {
        if (failure instanceof CaseChanged changed) {
            return new TransitionFailure(HttpStatus.CONFLICT, changed, true);
        }
        if (failure instanceof TransitionRefused refused) {
            return new TransitionFailure(HttpStatus.UNPROCESSABLE_CONTENT, refused, false);
        }
        if (failure instanceof CaseForbidden forbidden) {
            return new TransitionFailure(HttpStatus.FORBIDDEN, forbidden, false);
        }
        if (failure instanceof DataAccessException) {
            return new TransitionFailure(HttpStatus.CONFLICT,
                    new DefaultMessageSourceResolvable(new String[] {"save.failed"}, null, null), false);
        }
        if (failure instanceof CaseNotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        throw failure;
    }
}
