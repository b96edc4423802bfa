package dev.cohesion.members.rest;

import dev.cohesion.members.domain.Member;
import dev.cohesion.members.domain.MemberLink;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of partners' identifiers for members (docs/partners.md). */
public final class MemberLinkDtos {

    private MemberLinkDtos() {
    }

    @Schema(name = "EmailMatching", description = "Whether the network's partners may match you by your e-mail address.")
    public record EmailMatching(@NotNull Boolean allowed) {
    }

    @Schema(name = "EmailMatchingView")
    public record EmailMatchingView(boolean allowed, @Schema(description = "The address partners can match") String email) {

        public static EmailMatchingView of(Member m) {
            return new EmailMatchingView(m.emailMatching, m.email);
        }
    }

    @Schema(name = "MemberLinkRequest", description = "Your own identifier for the person, and the e-mail address they let you match.")
    public record LinkRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII without spaces")
            @Schema(example = "forum-user-4711") String externalId,
            @NotBlank @Email @Size(max = 254) @Schema(example = "ann@example.org") String email) {
    }

    @Schema(name = "MemberLink", description = "A partner's own identifier for a member.")
    public record LinkView(UUID id, UUID memberId, UUID partnerId, String externalId, Instant linkedAt,
                           @Schema(description = "Absent while in force") Instant revokedAt) {

        public static LinkView of(MemberLink l) {
            return new LinkView(l.id, l.memberId, l.partnerId, l.externalId, l.linkedAt, l.revokedAt);
        }
    }
}
