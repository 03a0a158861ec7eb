package org.warmline.cases;

import java.util.List;
import java.util.Set;

/**
 * Which assessment periods have a published (frozen) result, for the case page to say that correcting a case of such
 * a period leaves that result as it is. The desk publishes nothing itself ({@link #NONE}); the module that publishes
 * results provides a bean of this type.
 */
@FunctionalInterface
public interface PublishedPeriods {

    /** Those of the period labels ({@code 2026-01}, {@code 2026-Q1}, {@code 2026}) that have a published result. */
    Set<String> publishedOf(List<String> periods);

    /** Nothing published: what the case page uses while no module publishes results. */
    PublishedPeriods NONE = periods -> Set.of();
}
