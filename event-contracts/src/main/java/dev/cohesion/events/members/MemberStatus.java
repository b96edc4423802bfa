package dev.cohesion.events.members;

/** APPLIED or INVITED → ACTIVE ⇄ SUSPENDED → LEFT or REMOVED; an application may be DECLINED. */
public enum MemberStatus { APPLIED, INVITED, DECLINED, ACTIVE, SUSPENDED, LEFT, REMOVED }
