/**
 * Working days (工作日) and assessment periods: the official holiday schedules with their make-up working days (调休),
 * working time between two instants, adding working days, and the month / quarter / year periods of an assessment.
 * Plain Java, shared by the engine, the command line and the server.
 */
package org.warmline.calendar;
