/**
 * Evaluation after completion (回访评价, docs/desk.md "Evaluation and callbacks"): the callback queue of completed
 * cases where agents record the PHONE evaluation, the period's PHONE / ONLINE mix against the scheme's target (3.1,
 * reported only), and the review of dissatisfied evaluations (不满意回访复核) with its 24 h clock: a service problem sends the case back
 * to handling, a misunderstanding is closed with the explanation given. The transitions themselves are
 * {@link org.warmline.cases.CaseDesk}'s; this module gives them their queues, pages and the dashboard's figures
 * ({@link org.warmline.evaluation.EvaluationBoard}), and the callback attempts of the API
 * ({@code /api/cases/{caseNo}/callback-attempts}).
 */
package org.warmline.evaluation;
