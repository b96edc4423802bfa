package dev.cohesion.events.norms;

/** The default sanction ladder, after the Contributor Covenant's enforcement guidelines, lowest rung first. */
public enum SanctionRung { CORRECTION, WARNING, TEMPORARY_SUSPENSION, PERMANENT_REMOVAL }
