package org.warmline.cases;

import java.util.Map;

/**
 * An online submission whose idempotency key was used before for other content (draft-ietf-httpapi-idempotency-key-header:
 * 422): nothing is filed; the first case ({@link #firstCase()}) is left as it was.
 */
public class IdempotencyKeyReused extends TransitionRefused {

    private final String firstCase;

    public IdempotencyKeyReused(String firstCase) {
        super("case.refused.idempotency-key-reused",
                "This idempotency key was used before, for other content (case " + firstCase + ").", firstCase);
        this.firstCase = firstCase;
    }

    /** The number of the case the key made the first time. */
    public String firstCase() {
        return firstCase;
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String type() {
        return "idempotency-key-reused";
    }

    /** {@code code} and the number of the case the key made ({@code caseNo}). */
    @Override
    public Map<String, Object> properties() {
        return Map.of("code", key(), "caseNo", firstCase);
    }
}
