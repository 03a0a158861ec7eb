package org.warmline.cases;

/** How an attempt to reach the citizen ended (the contact log). Only {@link #REACHED} is a contact. */
public enum ContactOutcome {
    /** 已联系上. */
    REACHED,
    /** 无人接听. */
    NO_ANSWER,
    /** 关机. */
    SWITCHED_OFF,
    /** 拒接. */
    REFUSED,
    /** 号码错误. */
    WRONG_NUMBER
}
