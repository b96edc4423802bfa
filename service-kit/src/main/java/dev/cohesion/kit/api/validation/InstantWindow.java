package dev.cohesion.kit.api.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * An instant the domain can mean: not before {@link #notBefore()} and at most {@link #maxAhead()} after now (the
 * validator's clock, which is the services' injected clock). Keeps a consultation from closing in the year 300000
 * and an activity from happening in year 1. Say the window in the field's contract description.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = InstantWindow.Check.class)
public @interface InstantWindow {

    /** The earliest instant accepted, ISO-8601. */
    String notBefore() default "2000-01-01T00:00:00Z";

    /** How far after now an instant may lie, ISO-8601 duration. */
    String maxAhead() default "P366D";

    String message() default "is outside the accepted time window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<InstantWindow, Instant> {

        private Instant notBefore;
        private Duration maxAhead;

        @Override
        public void initialize(InstantWindow window) {
            notBefore = Instant.parse(window.notBefore());
            maxAhead = Duration.parse(window.maxAhead());
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = null;
            if (value.isBefore(notBefore)) {
                problem = "must not be before " + notBefore;
            } else if (value.isAfter(context.getClockProvider().getClock().instant().plus(maxAhead))) {
                problem = "must be at most " + describe(maxAhead) + " from now";
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        private static String describe(Duration d) {
            return d.toDays() > 0 ? d.toDays() + " days" : d.toMinutes() + " minutes";
        }
    }
}
