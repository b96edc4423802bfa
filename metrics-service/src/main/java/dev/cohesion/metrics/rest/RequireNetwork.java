package dev.cohesion.metrics.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation answers 404 before anything else when its network is unknown here. Streams need it: once a
 * server-sent-events response has started, it can no longer become a problem+json 404.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequireNetwork {
}
