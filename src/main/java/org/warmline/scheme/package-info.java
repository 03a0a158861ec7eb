/**
 * The assessment scheme (考核方案) as data: every number, allowance, band, cap, rounding and reading of
 * docs/assessment.md, loaded from YAML or JSON and validated. The default scheme ships inside the application
 * ({@code default-scheme.yaml}); a company's own scheme file replaces it without code.
 */
package org.warmline.scheme;
