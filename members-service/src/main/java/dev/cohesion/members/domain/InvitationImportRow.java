package dev.cohesion.members.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One line of an invitation import: what it said, and, once processed, what became of it. */
@Entity
@Table(name = "invitation_import_row")
@IdClass(InvitationImportRow.Key.class)
public class InvitationImportRow extends PanacheEntityBase {

    public enum Result {
        /** An invitation was created and e-mailed (a notice). */
        INVITED,
        /** The network already has a membership or an invitation for this address (or an earlier line had it). */
        ALREADY_MEMBER,
        /** The line breaks a rule of the invitation form; the reason says which. */
        INVALID
    }

    @Id
    @Column(name = "import_id")
    public UUID importId;
    @Id
    public int line;
    @Column(name = "display_name")
    public String displayName;
    public String email;
    public String organisation;
    public String constituency;
    /** Semicolon-separated, as in the file. */
    public String interests;
    @Enumerated(EnumType.STRING)
    public Result result;
    public String reason;
    @Column(name = "member_id")
    public UUID memberId;

    public static class Key implements Serializable {
        public UUID importId;
        public int line;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.line == line && Objects.equals(k.importId, importId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(importId, line);
        }
    }
}
