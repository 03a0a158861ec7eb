/**
 * Points at stake (考核风险): for every running clock of an open case, what missing it would cost and whom — units and
 * people, item by item — as the assessment engine itself computes it ({@link org.warmline.assessment.CaseWhatIf}: the
 * same case assessed as of just after the deadline against as of now), shown on the case page, as a column of the
 * case lists and queues (sortable), on the dashboard and in the API.
 */
package org.warmline.stakes;
