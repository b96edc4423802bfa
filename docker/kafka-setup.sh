#!/bin/bash
# Sets the compose broker up as event-contracts' TopicAccess plans it (DockerComposeTest keeps the two equal):
# a SCRAM-SHA-512 principal per service and one for integrators, every topic with its dead-letter topics (kept
# as TopicAccess says), and ACLs that let each principal write its own topics and read what it consumes, nothing else.
# Runs once per `docker compose up`, as the broker's admin; every step is idempotent.
set -euo pipefail
BOOTSTRAP=kafka:9092
KAFKA=/opt/kafka/bin
ADMIN=/tmp/admin.properties
cat > "$ADMIN" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPS

for attempt in $(seq 60); do
  "$KAFKA/kafka-broker-api-versions.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" >/dev/null 2>&1 && break
  echo "kafka-setup: waiting for the broker ($attempt)"; sleep 2
done

user() { # principal password
  "$KAFKA/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --alter \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" --entity-type users --entity-name "$1"
}
topic() { # name partitions config (key=value,key=value...; a value may hold commas: cleanup.policy=compact,delete)
  local configs=()
  IFS=, read -ra pairs <<< "$3"
  for pair in "${pairs[@]}"; do
    if [[ $pair == *=* ]]; then configs+=(--config "$pair"); else configs[-1]+=",$pair"; fi
  done
  "$KAFKA/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 "${configs[@]}"
}
acl() { # principal operation... -- resource options
  local principal=$1; shift
  "$KAFKA/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --add --allow-principal "User:$principal" "$@"
}

user members-service "$MEMBERS_KAFKA_PASSWORD"
user norms-service "$NORMS_KAFKA_PASSWORD"
user metrics-service "$METRICS_KAFKA_PASSWORD"
user cohesion-integrator "$INTEGRATOR_KAFKA_PASSWORD"

topic cohesion.members.v1 3 retention.ms=-1
topic cohesion.members.profiles.v1 3 cleanup.policy=compact,delete.retention.ms=604800000,max.compaction.lag.ms=86400000,min.cleanable.dirty.ratio=0.1,segment.ms=3600000
topic cohesion.norms.v1 3 retention.ms=-1
topic cohesion.metrics.v1 3 retention.ms=-1
topic cohesion.activities.v1 6 retention.ms=-1
topic cohesion.norms.exports.v1 3 cleanup.policy=compact,delete,delete.retention.ms=86400000,max.compaction.lag.ms=86400000,max.message.bytes=16777216,min.cleanable.dirty.ratio=0.1,retention.ms=86400000,segment.ms=3600000
topic cohesion.metrics.exports.v1 3 cleanup.policy=compact,delete,delete.retention.ms=86400000,max.compaction.lag.ms=86400000,max.message.bytes=16777216,min.cleanable.dirty.ratio=0.1,retention.ms=86400000,segment.ms=3600000
topic cohesion.members.v1.dlq.members-service 3 retention.ms=-1
topic cohesion.members.v1.dlq.norms-service 3 retention.ms=-1
topic cohesion.members.v1.dlq.metrics-service 3 retention.ms=-1
topic cohesion.members.profiles.v1.dlq.norms-service 3 cleanup.policy=compact,delete.retention.ms=604800000,max.compaction.lag.ms=86400000,min.cleanable.dirty.ratio=0.1,segment.ms=3600000
topic cohesion.members.profiles.v1.dlq.metrics-service 3 cleanup.policy=compact,delete.retention.ms=604800000,max.compaction.lag.ms=86400000,min.cleanable.dirty.ratio=0.1,segment.ms=3600000
topic cohesion.norms.v1.dlq.members-service 3 retention.ms=-1
topic cohesion.norms.v1.dlq.metrics-service 3 retention.ms=-1
topic cohesion.metrics.v1.dlq.members-service 3 retention.ms=-1
topic cohesion.metrics.v1.dlq.norms-service 3 retention.ms=-1
topic cohesion.activities.v1.dlq.metrics-service 6 retention.ms=-1
topic cohesion.norms.exports.v1.dlq.members-service 3 cleanup.policy=compact,delete,delete.retention.ms=86400000,max.compaction.lag.ms=86400000,max.message.bytes=16777216,min.cleanable.dirty.ratio=0.1,retention.ms=86400000,segment.ms=3600000
topic cohesion.metrics.exports.v1.dlq.members-service 3 cleanup.policy=compact,delete,delete.retention.ms=86400000,max.compaction.lag.ms=86400000,max.message.bytes=16777216,min.cleanable.dirty.ratio=0.1,retention.ms=86400000,segment.ms=3600000

# ACL: principal | operations | topic
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.v1
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.profiles.v1
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.v1.dlq.members-service
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.norms.v1.dlq.members-service
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.metrics.v1.dlq.members-service
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.norms.exports.v1.dlq.members-service
acl members-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.metrics.exports.v1.dlq.members-service
acl members-service --operation Read --operation Describe --topic cohesion.norms.v1
acl members-service --operation Read --operation Describe --topic cohesion.metrics.v1
acl members-service --operation Read --operation Describe --topic cohesion.norms.exports.v1
acl members-service --operation Read --operation Describe --topic cohesion.metrics.exports.v1
acl members-service --operation Read --group members-service. --resource-pattern-type prefixed
acl norms-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.norms.v1
acl norms-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.norms.exports.v1
acl norms-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.v1.dlq.norms-service
acl norms-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.metrics.v1.dlq.norms-service
acl norms-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.profiles.v1.dlq.norms-service
acl norms-service --operation Read --operation Describe --topic cohesion.members.v1
acl norms-service --operation Read --operation Describe --topic cohesion.members.profiles.v1
acl norms-service --operation Read --operation Describe --topic cohesion.metrics.v1
acl norms-service --operation Read --group norms-service. --resource-pattern-type prefixed
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.metrics.v1
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.activities.v1
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.metrics.exports.v1
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.v1.dlq.metrics-service
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.members.profiles.v1.dlq.metrics-service
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.norms.v1.dlq.metrics-service
acl metrics-service --operation Write --operation Describe --operation Create --operation Read --topic cohesion.activities.v1.dlq.metrics-service
acl metrics-service --operation Read --operation Describe --topic cohesion.members.v1
acl metrics-service --operation Read --operation Describe --topic cohesion.members.profiles.v1
acl metrics-service --operation Read --operation Describe --topic cohesion.norms.v1
acl metrics-service --operation Read --operation Describe --topic cohesion.activities.v1
acl metrics-service --operation Read --group metrics-service. --resource-pattern-type prefixed
acl cohesion-integrator --operation Write --operation Describe --topic cohesion.activities.v1
echo "kafka-setup: principals, topics and ACLs are in place"
