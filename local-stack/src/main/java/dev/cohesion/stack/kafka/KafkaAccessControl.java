package dev.cohesion.stack.kafka;

import dev.cohesion.stack.secrets.Secrets;

import dev.cohesion.events.TopicAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sets a broker up as TopicAccess plans it, signed in as its admin: one SCRAM principal per service and one for
 * integrators, the ACLs that let each write its own topics and read what it consumes and, for a service, what it
 * writes (nothing else), and every
 * topic with its dead-letter topics, kept forever or compacted as the plan says. Idempotent: run on every start.
 */
public final class KafkaAccessControl {

    private KafkaAccessControl() {
    }

    /** The ACLs of one principal. */
    public static List<AclBinding> acls(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        boolean service = TopicAccess.SERVICES.contains(principal);
        for (String topic : TopicAccess.writes(principal)) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            if (service) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE));
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            }
        }
        for (String topic : TopicAccess.reads(principal)) {
            if (service && TopicAccess.writes(principal).contains(topic)) {
                continue; // a service reads what it writes already (its own feed, e.g. members-service's webhooks)
            }
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        if (!TopicAccess.reads(principal).isEmpty()) {
            acls.add(allow(principal, ResourceType.GROUP, TopicAccess.groupPrefix(principal), PatternType.PREFIXED, AclOperation.READ));
        }
        return acls;
    }

    static void apply(Map<String, Object> adminConfig, Secrets credentials) throws IOException {
        try (Admin admin = Admin.create(adminConfig)) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (String principal : TopicAccess.PRINCIPALS) {
                users.add(new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), credentials.password(principal)));
                acls.addAll(acls(principal));
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = TopicAccess.allTopics().stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.config())).toList();
            for (var created : admin.createTopics(topics).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the Kafka principals", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot set up the Kafka principals, ACLs and topics: " + e.getMessage(), e);
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
