package dev.cohesion.members.domain;

/** Profile fields a member may consent to share with the network's partners. */
public enum SharedField { DISPLAY_NAME, ORGANISATION, CONSTITUENCY, INTERESTS }
