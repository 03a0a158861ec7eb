package org.warmline.evaluation;

import java.time.Instant;

import org.warmline.cases.CaseId;

/**
 * The callbacks of a completed case did not reach the citizen the set number of times: it left the callback queue (the
 * citizen can still answer the online survey). Published in the transaction of the last attempt.
 */
public record CallbackAttemptsExhausted(CaseId caseId, String caseNo, Instant at, int attempts) {
}
