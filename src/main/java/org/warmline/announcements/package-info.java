/**
 * Outage announcements (停热/抢修公告): a dispatcher posts the area a burst main or a stopped station leaves without
 * heat, its cause and the expected restore time, updates it as work goes on and closes it when heat is back. Posting
 * opens (or names) the complex-problem case the announcement stands for; callers whose address or station it covers
 * are shown it at intake (the agent's page, the citizens' form, the API), answered from it in one click and linked
 * under that case; closing texts them the restore message and moves their cases on to callback together.
 */
package org.warmline.announcements;
