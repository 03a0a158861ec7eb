package org.warmline.ledger;

import de.siegmar.fastcsv.writer.CsvWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@code cases.csv} being written case by case (see {@link LedgerWriter#openCasesCsv}); the header is already
 * written. Not thread-safe. {@link #close()} flushes and closes the file.
 */
public final class CaseCsvStream implements Closeable {

    private final CsvWriter csv;
    private final LedgerWriter.InstantText instants;
    private long written;

    CaseCsvStream(CsvWriter csv, LedgerWriter.InstantText instants) throws IOException {
        this.csv = csv;
        this.instants = instants;
        csv.writeRecord(LedgerColumns.Table.CASES.headers());
    }

    /** Appends one case row. */
    public void write(CaseRecord c) {
        csv.writeRecord(LedgerWriter.caseRow(c, instants)); // FastCSV reports I/O errors as UncheckedIOException
        written++;
    }

    /** How many cases were written so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
