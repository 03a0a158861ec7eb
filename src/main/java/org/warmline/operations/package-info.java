/**
 * Operations: the desk's own meters for {@code /actuator/prometheus} (Micrometer) beside Spring Boot Actuator's —
 * open cases by state and clock colour, intake per channel, callbacks waiting. Escalation steps and notification
 * deliveries are counted where they happen ({@code escalation}, {@code notifications}).
 */
package org.warmline.operations;
