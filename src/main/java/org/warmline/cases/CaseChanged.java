package org.warmline.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;

/**
 * Someone else changed the case since it was read (optimistic locking): the update was not made. Message key
 * {@code case.changed} with the case number as argument; reload the case and show its new state. The API answers 409
 * with the case's number and, when the case was read as it stands now, its current version and state.
 */
public class CaseChanged extends RuntimeException implements MessageSourceResolvable, ApiProblem {

    private final CaseId caseId;
    private final String caseNo;
    private final Integer currentVersion;
    private final CaseState currentState;

    /** The case changed: the caller's version is not the version of the case as it stands ({@code current}). */
    public CaseChanged(Case current) {
        this(current.id(), current.caseNo(), current.version(), current.state());
    }

    /** The case changed in between, to a version not read. */
    public CaseChanged(CaseId caseId, String caseNo) {
        this(caseId, caseNo, null, null);
    }

    private CaseChanged(CaseId caseId, String caseNo, Integer currentVersion, CaseState currentState) {
        super("Case " + caseNo + " was changed by someone else; reload it and try again.");
        this.caseId = caseId;
        this.caseNo = caseNo;
        this.currentVersion = currentVersion;
        this.currentState = currentState;
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

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "changed";
    }

    @Override
    public MessageSourceResolvable detail() {
        return this;
    }

    /** {@code code}, {@code caseNo}, and {@code currentVersion} and {@code currentState} when known. */
    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", "case.changed");
        properties.put("caseNo", caseNo);
        if (currentVersion != null) {
            properties.put("currentVersion", currentVersion);
            properties.put("currentState", currentState);
        }
        return properties;
    }
}
