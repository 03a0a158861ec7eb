/**
 * Cases (工单) as the desk stores them: every ledger field of docs/ledger.md plus the desk's own state, version and
 * history. Nothing is ever deleted. The module also owns the desk's pages of cases — the list and its Excel export,
 * a case's page and printable sheet, intake, my work, the dashboard, a case's files, notes, contact log and corrections
 * ({@code /cases/**}, {@code /my-work}, {@code /dashboard}) — and the case API under {@code /api/cases}
 * ({@link org.warmline.cases.CaseController}, {@link org.warmline.cases.CaseWorkApi}).
 */
package org.warmline.cases;
