package org.warmline.ledger;

/**
 * A person assessed as a front-line post (人员): a customer service agent (客服专员) or an area steward (片区管家).
 *
 * @param code unique across units and staff
 * @param name display name
 * @param post AGENT or STEWARD
 * @param unit the code of the unit the person belongs to, {@code null} when none
 */
public record Staff(String code, String name, Post post, String unit) {
}
