package org.warmline.cases;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;

/** No case with that id (message key {@code case.notFound}); the API answers 404. */
public class CaseNotFound extends RuntimeException implements MessageSourceResolvable, ApiProblem {

    private final String reference;

    public CaseNotFound(String reference) {
        super("No case " + reference + ".");
        this.reference = reference;
    }

    @Override
    public String[] getCodes() {
        return new String[] {"case.notFound"};
    }

    @Override
    public Object[] getArguments() {
        return new Object[] {reference};
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
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
        return this;
    }
}
