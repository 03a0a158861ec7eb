/**
 * The assessment engine (考核计算): turns a ledger data set, a scheme and an instant {@code as_of} into the scores of
 * docs/assessment.md for every subject, with every deduction and bonus explained. Plain Java: no Spring, no database,
 * so the command line, the server and the benchmarks run the very same code.
 *
 * <p>{@link org.warmline.assessment.AssessmentEngine} orchestrates; each item of the scheme is one class of this
 * package, holding its judging of cases, its scoring of subjects and its reasons:
 * 1.1 {@code BasicInstitution}, 1.2 {@code BasicLedger}, 1.3 {@code BasicTraining}, 1.4 {@code BasicEquipment},
 * 2.1 {@code HandlingResponse}, 2.2 {@code HandlingTimeliness}, 2.3 {@code HandlingResolution},
 * 2.4 {@code HandlingRepeat}, 3.1 {@code SatisfactionCoverage}, 3.2 {@code SatisfactionResult},
 * 3.3 {@code SatisfactionDissatisfied}, 4.1 {@code KeyworkSpecial}, 4.2 {@code KeyworkOther}; manual adjustments
 * {@code Adjustments}; totals, grades and the annual composite {@code Totals}.
 */
package org.warmline.assessment;
