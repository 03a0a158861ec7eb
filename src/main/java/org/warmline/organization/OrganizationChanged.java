package org.warmline.organization;

/**
 * Units or staff were added or changed ({@link OrganizationStore#saveAll}), published after the change is committed
 * to those who keep a reading of the organisation.
 */
public record OrganizationChanged(int units, int staff) {
}
