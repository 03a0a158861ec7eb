/**
 * The command line: {@code warmline assess} scores a ledger data set and writes the result as JSON, XLSX or HTML;
 * {@code warmline generate} writes realistic random data sets. Runs in plain Java, without a web server or database.
 */
package org.warmline.cli;
