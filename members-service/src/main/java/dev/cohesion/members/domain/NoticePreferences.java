package dev.cohesion.members.domain;

import dev.cohesion.events.members.NoticeKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * How a member wants their notices: by e-mail or not, at once or in a daily digest, and which kinds to mute. A
 * mandatory kind ({@link NoticeKind#mandatory()}) cannot be muted and is always e-mailed at once.
 */
@Entity
@Table(name = "notice_preferences")
public class NoticePreferences extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;
    public boolean email;
    public boolean digest;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] muted;
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The preferences of a member who never chose: e-mail, at once, nothing muted. */
    public static NoticePreferences defaults(UUID memberId) {
        NoticePreferences p = new NoticePreferences();
        p.memberId = memberId;
        p.email = true;
        p.muted = new String[0];
        return p;
    }

    public boolean mutes(NoticeKind kind) {
        return !kind.mandatory() && Arrays.asList(muted).contains(kind.name());
    }

    /** The status a new notice of this kind starts in, and whether it waits for the digest. */
    public Notice.Status initialStatus(NoticeKind kind) {
        return email || kind.mandatory() ? Notice.Status.PENDING : Notice.Status.NOT_EMAILED;
    }

    public boolean digests(NoticeKind kind) {
        return digest && !kind.mandatory();
    }
}
