/**
 * The company's organisation (组织机构) as the desk keeps it: the unit tree and the staff, stored in the database and
 * imported from ledger files all-or-nothing.
 */
package org.warmline.organization;
