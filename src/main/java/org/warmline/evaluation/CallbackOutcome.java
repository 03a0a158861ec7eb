package org.warmline.evaluation;

/** Why a callback did not reach the citizen. */
public enum CallbackOutcome {
    /** 无人接听 */
    NO_ANSWER,
    /** 关机 */
    POWERED_OFF,
    /** 拒接 */
    REJECTED,
    /** 号码错误 */
    WRONG_NUMBER
}
