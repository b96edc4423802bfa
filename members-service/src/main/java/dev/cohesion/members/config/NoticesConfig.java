package dev.cohesion.members.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Notices to members (docs/notifications.md): the sender's pace, the digest, the closing reminder, links in e-mails. */
@ConfigMapping(prefix = "cohesion.notices")
public interface NoticesConfig {

    /** How often the sender and the fan-out look for work. */
    @WithDefault("1s")
    String interval();

    /** Notices e-mailed per round; members issued per fan-out page. */
    @WithDefault("50")
    int batch();

    @WithDefault("500")
    int fanoutPage();

    /** A member who chose the digest gets one e-mail with every pending notice once the oldest is this old. */
    @WithDefault("24h")
    Duration digestPeriod();

    /** Members without a stance are reminded when a consultation closes within this (and lasted longer than it). */
    @WithDefault("48h")
    Duration closingReminder();

    /** Failed sends before a notice is marked FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** A notice claimed longer ago than this was interrupted by a crash: marked FAILED, never resent. */
    @WithDefault("10m")
    Duration abandonAfter();

    /** The members' app, for links in e-mails: {@code <app-url>/networks/<id>/<about>}. Without it, e-mails carry no link. */
    Optional<String> appUrl();
}
