package org.warmline.ledger;

/**
 * A unit of the company (组织机构): the HQ customer service department, a branch, a station, a repair team or an area.
 *
 * @param code   unique across units and staff
 * @param name   display name, e.g. 城东分公司
 * @param kind   what the unit is
 * @param parent the parent unit's code, {@code null} for a top unit
 */
public record Unit(String code, String name, UnitKind kind, String parent) {
}
