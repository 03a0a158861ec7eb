/**
 * The manual assessment records (人工考核记录) the desk keeps for the items that cases do not score: regulations
 * (制度建设), trainings (培训记录), channel outages (渠道故障), special tasks (专项任务) and adjustments (人工调整). They
 * are stored in the database and read back as the ledger's own records, so the live assessment and the export see
 * exactly what a ledger file would hold.
 */
package org.warmline.records;
