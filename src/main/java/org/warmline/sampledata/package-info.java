/**
 * Realistic random ledger data sets (units, staff, cases with most on time and a tail of late, missing and
 * inconsistent ones, repeats, complex cases, evaluations and manual records), deterministic per seed: for benchmarks,
 * property tests and demos.
 */
package org.warmline.sampledata;
