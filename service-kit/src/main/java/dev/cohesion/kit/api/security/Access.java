package dev.cohesion.kit.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a REST operation. Every business operation carries one; an operation without it is refused
 * (403) and fails the access-matrix test of its service. Operations under {@code /networks/{networkId}} are
 * checked against the caller's grant for that network: no grant at all answers 404, so that a caller of one
 * network cannot even learn that another exists; a grant without the role answers 403.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Access {

    /** Network roles allowed (any of them). */
    NetworkRole[] value() default {};

    /** For {@link NetworkRole#PARTNER}: the partner needs one of these scopes. */
    String[] scopes() default {};

    /** The platform administrator may call it. */
    boolean admin() default false;

    /** Any authenticated caller may call it (the operation itself decides what they see). */
    boolean anyone() default false;
}
