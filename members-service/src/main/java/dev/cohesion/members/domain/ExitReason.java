package dev.cohesion.members.domain;

/** Why a member left: leaving is voluntary and dignified, and the reason feeds the network's learning. */
public enum ExitReason { DOES_NOT_SHARE_PURPOSE, MOVED_ON, OTHER }
