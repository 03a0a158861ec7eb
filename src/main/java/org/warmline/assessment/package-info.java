/**
 * The assessment engine (考核计算): turns a ledger data set, a scheme and an instant {@code as_of} into the scores of
 * spec/assessment.md for every subject, with every deduction and bonus explained. Plain Java: no Spring, no database,
 * so the command line, the server and the benchmarks run the very same code.
 */
package org.warmline.assessment;
