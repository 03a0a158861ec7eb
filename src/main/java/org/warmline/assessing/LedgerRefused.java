package org.warmline.assessing;

import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;
import org.warmline.web.ApiProblem;
import org.warmline.web.Problems;

/**
 * A ledger the API's import refused, nothing imported: 422, type {@code ledger}, with every problem as
 * {@code FILE[table]:ROW:COLUMN: message} in {@code problems}.
 */
final class LedgerRefused extends RuntimeException implements ApiProblem {

    private final transient LedgerException refused;

    LedgerRefused(LedgerException refused) {
        super(refused.getMessage(), refused, false, false);
        this.refused = refused;
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String type() {
        return "ledger";
    }

    @Override
    public MessageSourceResolvable detail() {
        return Problems.message("assessing.import.problems", refused.problems().size());
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("problems", refused.problems().stream().map(LedgerProblem::toString).toList());
    }
}
