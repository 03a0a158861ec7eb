package org.warmline.ledger;

/**
 * A unit's petition regulations (制度建设) and which of the four required elements they cover.
 *
 * @param unit            the unit's code (one row per unit)
 * @param hasRegulation   whether the unit has regulations at all
 * @param classification  信访分类标准
 * @param authorityLevels 处理权限分级
 * @param escalation      投诉升级机制
 * @param archiving       档案管理规范
 */
public record Regulation(String unit, boolean hasRegulation, boolean classification, boolean authorityLevels,
                         boolean escalation, boolean archiving) {
}
