package org.warmline.ledger;

import java.time.LocalDate;

/**
 * A training session (培训记录) held for a unit, with which of its three records were kept.
 *
 * @param unit       the unit's code
 * @param heldOn     the date it was held
 * @param title      what it was about
 * @param signIn     sign-in sheet kept (签到表)
 * @param courseware courseware kept (课件)
 * @param photos     photos kept (现场照片)
 */
public record Training(String unit, LocalDate heldOn, String title, boolean signIn, boolean courseware, boolean photos) {

    /** Whether all three records were kept. */
    public boolean recordsComplete() {
        return signIn && courseware && photos;
    }
}
