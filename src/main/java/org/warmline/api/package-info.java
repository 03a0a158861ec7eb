/**
 * The REST API under {@code /api} (spec/workflow.md "Interfaces"): cases for integrations (12345 platform, CTI
 * telephony, WeChat back end) with bearer tokens, the same permissions and data scope as the pages
 * ({@link org.warmline.cases.CaseAccess}), errors as RFC 9457 problem details in the caller's language
 * (Accept-Language, Chinese by default), and an OpenAPI description at {@code /v3/api-docs}.
 */
package org.warmline.api;
