/**
 * The petition ledger (信访台账) as data: units, staff, cases and the manual assessment records, read from and written to
 * the CSV-folder and XLSX formats of docs/ledger.md. Reading either succeeds whole or reports every problem as
 * {@code FILE:ROW:COLUMN: message}; the model types here are plain Java and are what the assessment engine scores.
 */
package org.warmline.ledger;
