package org.warmline.ledger;

import java.util.List;

/**
 * A data set read whole, with the warnings about readable but questionable input (unknown columns, …).
 *
 * @param data     the data set
 * @param warnings warnings, each located as {@code FILE:ROW:COLUMN: message}
 */
public record LedgerReading(DataSet data, List<String> warnings) {
}
