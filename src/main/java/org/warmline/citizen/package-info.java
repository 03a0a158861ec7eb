/**
 * The citizens' online channel (网上渠道, docs/desk.md "Intake" and "Evaluation and callbacks"): public, mobile-first
 * pages under {@code /public} without login, where a citizen submits a case (WeChat or app), follows it by a tracking link whose
 * unguessable token is stored only as its SHA-256 ({@link org.warmline.citizen.TrackingTokens}), and answers the
 * satisfaction survey (ONLINE evaluation) once the case is completed, once. Submissions are limited per phone, address
 * and client address per day ({@link org.warmline.citizen.SubmissionLimits}, counted in the database).
 */
package org.warmline.citizen;
