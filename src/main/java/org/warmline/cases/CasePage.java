package org.warmline.cases;

import java.util.List;

/**
 * One page of cases and how many match in all. When {@code totalCapped}, counting stopped at {@code total} (at least
 * that many match): counting every match of a million-row table costs more than the page itself.
 */
public record CasePage(List<Case> cases, long total, int limit, int offset, boolean totalCapped) {

    public CasePage {
        cases = List.copyOf(cases);
    }

    public CasePage(List<Case> cases, long total, int limit, int offset) {
        this(cases, total, limit, offset, false);
    }
}
