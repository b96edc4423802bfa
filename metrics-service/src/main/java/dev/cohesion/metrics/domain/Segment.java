package dev.cohesion.metrics.domain;

/** Where a member stands (docs/engagement-model.md), decided in this order of precedence. */
public enum Segment { DORMANT, AT_RISK, NEW, UNCOMMITTED, CORE, ENGAGED, OCCASIONAL }
