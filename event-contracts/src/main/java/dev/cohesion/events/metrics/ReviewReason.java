package dev.cohesion.events.metrics;

/** BREACHED_OFTEN: 3+ breach reports in 30 days. OFTEN_OVERTURNED: more than half of its decided appeals upheld. */
public enum ReviewReason { BREACHED_OFTEN, OFTEN_OVERTURNED }
