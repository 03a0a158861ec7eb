package org.warmline.cases;

import java.util.List;

/** One page of cases and how many match in all. */
public record CasePage(List<Case> cases, long total, int limit, int offset) {

    public CasePage {
        cases = List.copyOf(cases);
    }
}
