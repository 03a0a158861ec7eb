/**
 * The assessment office's work in the server (考核办公): the live assessment of any period computed from the desk's own
 * data with the engine of the {@code assess} command, its pages (drill-down, ranking, trend), publishing a period
 * (frozen result), appeals against deductions (申诉) and their decisions, and the Excel round trip of the ledger
 * (export and all-or-nothing import).
 */
package org.warmline.assessing;
