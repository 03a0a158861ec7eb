/**
 * The assessment office's work in the server (考核办公): the live assessment of any period computed from the desk's own
 * data with the engine of the {@code assess} command, its pages (drill-down, ranking, trend), publishing a period
 * (frozen result), appeals against deductions (申诉) and their decisions, the Excel round trip of the ledger
 * (export and all-or-nothing import), and the what-if of a scheme version (方案试算) before it is activated. The what-if
 * lives here rather than in administration because it assesses with the live assessment, which reads the scheme
 * versions of administration (administration must not depend back on this module).
 */
package org.warmline.assessing;
