/**
 * What every module's pages and API share, and nothing of any module's own: the modules own their pages and their API
 * (cases, evaluation, notifications, assessing, …); this module gives them one way to answer.
 * <ul>
 * <li>Pages (Thymeleaf + htmx, Chinese first with an English switch): the language cookie, the layout's navigation bar
 * and time format ({@link org.warmline.web.LayoutAdvice}, {@link org.warmline.web.DeskFormat}), the error page for a
 * module's refusals, and the security headers of every response ({@link org.warmline.web.SecurityHeaders}).</li>
 * <li>The API under {@code /api} ({@code @RestController}s): its OpenAPI description, instants as ISO-8601 text
 * ({@link org.warmline.web.ApiInstants}), and one handler of its errors as RFC 9457 problem details in the caller's
 * language (Accept-Language, Chinese by default; {@link org.warmline.web.Problems}). A module's error says its status,
 * type, message and members itself ({@link org.warmline.web.ApiProblem}), so the handler depends on no module.</li>
 * <li>Request bodies limited while they stream ({@code OversizedRequestFilter}).</li>
 * </ul>
 * It uses only the engine's plain modules (the working calendar's zone, the ledger's reading of instants); every module
 * with pages or an API may use it, and it uses none of them.
 */
package org.warmline.web;
