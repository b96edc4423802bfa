package dev.cohesion.members.domain;

import dev.cohesion.events.members.NoticeKind;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The words of a notice's e-mail: what happened and what the member can do, never the details (a case's account, a
 * sanction's note, who reported): those are read in the app, behind the member's sign-in.
 */
public final class NoticeText {

    /** One notice as an e-mail shows it; {@code dueAt}: the date it asks the member to act by, or null. */
    public record Item(NoticeKind kind, UUID networkId, String networkName, String about, Instant dueAt) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private NoticeText() {
    }

    public static String subject(Item item) {
        return "[" + item.networkName() + "] " + switch (item.kind()) {
            case INVITATION -> "You are invited to join";
            case CONSULTATION_OPENED -> "Your view on our purpose";
            case CONSULTATION_CLOSING -> "The consultation on our purpose closes soon";
            case RECONSIDER_PURPOSE -> "Do you share our purpose?";
            case NORM_BOOK_TO_ACKNOWLEDGE -> "Our norms changed: please acknowledge them";
            case NORM_BOOK_RENEWAL -> "Time to acknowledge our norms again";
            case VOTE_CLOSING -> "A vote on our norms closes soon";
            case CASE_DECIDED -> "A case about you was decided";
            case SANCTION_APPLIED -> "A sanction was applied to you";
            case SANCTION_LIFTED -> "A sanction on you was lifted";
            case APPEAL_DECIDED -> "Your appeal was decided";
        };
    }

    public static String digestSubject(String networkName, int count) {
        return "[" + networkName + "] " + count + " notices";
    }

    public static String body(Item item, Optional<String> appUrl) {
        String text = switch (item.kind()) {
            case INVITATION -> "You are invited to join " + item.networkName() + ". Sign in and accept the invitation "
                    + item.about().substring(item.about().indexOf('/') + 1) + " with this e-mail address.";
            case CONSULTATION_OPENED -> item.networkName() + " is consulting its members on its purpose. "
                    + "Endorse it, object to it (with your reason) or abstain.";
            case CONSULTATION_CLOSING -> "The consultation on " + item.networkName() + "'s purpose closes within two days "
                    + "and you have not taken a stance yet.";
            case RECONSIDER_PURPOSE -> item.networkName() + " adopted its purpose; you objected to it or took no stance. "
                    + "The organisers ask you to reconsider: endorse it, or, if you do not share it, you may leave the "
                    + "network with the reason \"does not share the purpose\".";
            case NORM_BOOK_TO_ACKNOWLEDGE -> item.networkName() + " published a new version of its norms. "
                    + "Please read and acknowledge them.";
            case NORM_BOOK_RENEWAL -> item.networkName() + " asks its members to acknowledge its norms again from time to "
                    + "time. They have not changed; please read and acknowledge them.";
            case VOTE_CLOSING -> "A vote of " + item.networkName() + "'s members on a change to its norms closes soon "
                    + "and you have not voted yet.";
            case CASE_DECIDED -> "A case about you in " + item.networkName() + " was decided.";
            case SANCTION_APPLIED -> "A sanction was applied to you in " + item.networkName() + ". You may appeal it "
                    + (item.dueAt() == null ? "within the network's appeal window (the sanction shows its deadline)."
                    : "until " + DATE.format(item.dueAt()) + ".");
            case SANCTION_LIFTED -> "A sanction on you in " + item.networkName() + " was lifted.";
            case APPEAL_DECIDED -> "Your appeal in " + item.networkName() + " was decided.";
        };
        return appUrl.map(url -> text + "\n" + url.replaceAll("/+$", "") + "/networks/" + item.networkId() + "/" + item.about())
                .orElse(text);
    }

    public static String digestBody(List<Item> items, Optional<String> appUrl) {
        StringBuilder text = new StringBuilder();
        for (Item item : items) {
            text.append("- ").append(body(item, appUrl).replace("\n", "\n  ")).append('\n');
        }
        return text.toString();
    }
}
