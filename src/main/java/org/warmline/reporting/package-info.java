/**
 * Reports of an assessment result for people: an XLSX workbook (a ranking summary and a sheet per subject with every
 * deduction) and a self-contained HTML page (one file, readable offline, a bar chart of totals and a table per subject).
 */
package org.warmline.reporting;
