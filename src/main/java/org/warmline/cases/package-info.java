/**
 * Cases (工单) as the desk stores them: every ledger field of docs/ledger.md plus the desk's own state, version and
 * history. Nothing is ever deleted.
 */
package org.warmline.cases;
