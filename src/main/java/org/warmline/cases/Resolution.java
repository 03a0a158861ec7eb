package org.warmline.cases;

/**
 * Where a case's resolution (scheme 2.3, the ledger's {@code resolved}) stands after completion: the citizen's, not the
 * handler's. Only RESOLVED makes {@code resolved} true.
 */
public enum Resolution {
    /** Completed; the citizen's confirmation (or the end of a consultation's follow-up window) is awaited. */
    PENDING,
    RESOLVED,
    UNRESOLVED;

    /** From what a resolution comes. */
    public enum Source {
        /** The citizen's answer in the phone callback. */
        CALLBACK,
        /** The citizen's answer in the online survey. */
        SURVEY,
        /** The citizen's acceptance (验收) of a complex case's rectification, recorded on site. */
        ON_SITE,
        /** A consultation answered, and no follow-up by the citizen on the topic within the window. */
        NO_FOLLOW_UP,
        /** A consultation followed up by the citizen on the topic within the window. */
        FOLLOW_UP,
        /** As recorded before the desk kept resolutions this way (an earlier version, or a ledger import). */
        RECORDED
    }

    /** How a case's resolution is established (scheme 2.3, with the reading for suggestions of {@link ResolutionRules}). */
    public enum Rule {
        /** Answered and no follow-up within the window (consultations). */
        NO_FOLLOW_UP,
        /** The citizen confirms the result in the callback or the survey (complaints). */
        CONFIRMATION,
        /** The rectification is done and the citizen accepts it: callback, survey or on site (complex problems). */
        ACCEPTANCE
    }
}
