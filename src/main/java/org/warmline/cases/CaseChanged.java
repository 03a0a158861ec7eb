package org.warmline.cases;

import org.springframework.context.MessageSourceResolvable;

/**
 * Someone else changed the case since it was read (optimistic locking): the update was not made. Message key
 * {@code case.changed} with the case number as argument; reload the case and show its new state.
 */
public class CaseChanged extends RuntimeException implements MessageSourceResolvable {

    private final CaseId caseId;
    private final String caseNo;

    public CaseChanged(CaseId caseId, String caseNo) {
        super("Case " + caseNo + " was changed by someone else; reload it and try again.");
        this.caseId = caseId;
        this.caseNo = caseNo;
    }

    public CaseId caseId() {
        return caseId;
    }

    public String caseNo() {
        return caseNo;
    }

    @Override
    public String[] getCodes() {
        return new String[] {"case.changed"};
    }

    @Override
    public Object[] getArguments() {
        return new Object[] {caseNo};
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }
}
