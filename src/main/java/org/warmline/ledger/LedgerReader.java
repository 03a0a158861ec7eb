package org.warmline.ledger;

import java.nio.file.Path;
import java.util.Locale;

import org.warmline.scheme.Scheme;

/** Placeholder until the reader lands. */
public final class LedgerReader {
    public LedgerReader(Scheme scheme, Locale locale) {
    }

    public LedgerReading read(Path path) {
        throw new UnsupportedOperationException("reader not yet merged");
    }
}
