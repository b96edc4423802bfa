package dev.cohesion.events.members;

/** Why a consultation did not adopt its purpose version. */
public enum RejectionReason { QUORUM_NOT_MET, ENDORSEMENT_BELOW_THRESHOLD }
