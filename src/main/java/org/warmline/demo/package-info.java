/**
 * The demo company behind {@code --demo}: units, staff, one account per role, a heating season of cases in every state
 * (some late, one cluster), and {@code ./data/demo-accounts.csv} with each account's password and API token, so a
 * newcomer sees a living desk.
 */
package org.warmline.demo;
