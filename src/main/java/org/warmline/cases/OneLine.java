package org.warmline.cases;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A one-line text of the desk ({@link TextRules#oneLine}): no control or direction character. Null is valid. */
@Documented
@Constraint(validatedBy = OneLine.Check.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneLine {

    String message() default "{validation.oneLine}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check of {@link OneLine}. */
    class Check implements ConstraintValidator<OneLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return TextRules.oneLine(value);
        }
    }
}
