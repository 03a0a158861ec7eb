package org.warmline.ledger;

import java.util.List;

/** A data set that cannot be read: every problem found (up to 200), nothing scored. */
public class LedgerException extends RuntimeException {

    private final List<LedgerProblem> problems;

    public LedgerException(List<LedgerProblem> problems) {
        super(problems.isEmpty() ? "bad ledger" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<LedgerProblem> problems() {
        return problems;
    }
}
