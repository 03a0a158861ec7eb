package org.warmline.cases;

import org.springframework.context.MessageSourceResolvable;

/** No case with that id (message key {@code case.notFound}). */
public class CaseNotFound extends RuntimeException implements MessageSourceResolvable {

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
}
