package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;

/**
 * The floor of any design that brings a period's cases out of PostgreSQL, for the live assessment's benchmark and its
 * test: the lean read's two binary COPYs ({@link PostgresCaseDatabase#inHalves}), their bytes received and discarded
 * without decoding.
 */
public final class LeanCopyFloor {

    private LeanCopyFloor() {
    }

    /**
     * The bytes of the two COPYs of the lean read of {@code [from, to)}.
     *
     * @throws IllegalStateException when the database is not PostgreSQL (COPY is PostgreSQL's)
     */
    public static long bytes(CaseDatabase database, Instant from, Instant to, Duration lookback) {
        if (!(database instanceof PostgresCaseDatabase postgres)) {
            throw new IllegalStateException("COPY needs PostgreSQL");
        }
        return postgres.inHalves(from, to, lookback, in -> {
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes += n;
            }
            return bytes;
        }).stream().mapToLong(Long::longValue).sum();
    }
}
