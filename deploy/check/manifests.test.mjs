// Every overlay renders, every object it renders is valid, and every service's pod follows the platform's policy.
// Run by the deploy module in the README's test command (npm test here).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEPLOY, overlays, problems, render } from "./render.mjs";

const SERVICES = ["members-service", "norms-service", "metrics-service"];
const SECRETS = /PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY/;
const seconds = (d) => Number(d.replace(/s$/, ""));

for (const overlay of overlays()) {
  const objects = render(overlay);
  const of = (kind) => objects.filter((o) => o.kind === kind);

  test(`${overlay}: every object is valid against the Kubernetes API schemas and the engines' definitions`, async () => {
    assert.ok(objects.length > 30, `${overlay} renders ${objects.length} objects`);
    const found = (await Promise.all(objects.map(problems))).flat();
    assert.deepEqual(found, []);
  });

  test(`${overlay}: every topic TopicAccess plans and a user per principal are there`, () => {
    const topics = of("KafkaTopic").map((t) => t.spec.topicName);
    assert.ok(topics.includes("cohesion.activities.v1") && topics.some((t) => t.includes(".dlq.")), topics.join());
    assert.deepEqual(of("KafkaUser").map((u) => u.metadata.name).sort(),
      ["cohesion-integrator", "members-service", "metrics-service", "norms-service"]);
  });

  for (const service of SERVICES) {
    test(`${overlay}: ${service} follows the policy`, () => {
      const deployment = of("Deployment").find((d) => d.metadata.name === service);
      assert.ok(deployment, `${service} has a Deployment`);
      const pod = deployment.spec.template.spec;
      assert.equal(pod.containers.length, 1);
      const container = pod.containers[0];
      const management = container.ports.find((p) => p.name === "management")?.containerPort;
      assert.ok(management, "a management port");
      for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        assert.equal(container[probe]?.httpGet?.port, management, `${probe} on the management port`);
        assert.match(container[probe].httpGet.path, /^\/q\/health\/(started|ready|live)$/, probe);
      }
      for (const kind of ["requests", "limits"]) {
        assert.ok(container.resources?.[kind]?.cpu && container.resources?.[kind]?.memory, `${kind} for cpu and memory`);
      }
      assert.equal(pod.securityContext?.runAsNonRoot, true, "the pod runs as non-root");
      assert.equal(pod.securityContext?.seccompProfile?.type, "RuntimeDefault");
      assert.equal(pod.automountServiceAccountToken, false);
      assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
        runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
      assert.match(container.image, /^[^:@]+(:(?!latest$)[\w.-]+|@sha256:[0-9a-f]{64})$/, "an image by explicit tag or digest, never latest");
      for (const env of container.env ?? []) {
        if (SECRETS.test(env.name)) {
          assert.equal(env.value, undefined, `${env.name} carries a value`);
          assert.ok(env.valueFrom?.secretKeyRef, `${env.name} comes from a Secret`);
        }
      }
      assert.ok(of("PodDisruptionBudget").some((b) => b.spec.selector.matchLabels?.["app.kubernetes.io/name"] === service),
        "a PodDisruptionBudget");
      assert.ok(pod.topologySpreadConstraints?.length >= 1, "spread over nodes");
      const config = of("ConfigMap").find((c) => c.metadata.name === "cohesion-config").data;
      assert.ok(pod.terminationGracePeriodSeconds >= seconds(config.COHESION_SHUTDOWN_DELAY) + seconds(config.COHESION_SHUTDOWN_TIMEOUT) + 5,
        "the grace period covers the shutdown delay and timeout");
      assert.ok(of("NetworkPolicy").some((p) => p.spec.podSelector.matchExpressions?.some((e) => e.values.includes(service))),
        "a NetworkPolicy for its pods");
    });
  }

  test(`${overlay}: no Secret carries a value`, () => {
    assert.deepEqual(of("Secret").filter((s) => s.data || s.stringData).map((s) => s.metadata.name), []);
  });

  test(`${overlay}: the Grafana dashboard charts every figure an alert watches`, () => {
    const board = JSON.parse(of("ConfigMap").find((c) => c.metadata.name === "cohesion-grafana-dashboard").data["cohesion-dashboard.json"]);
    const charted = board.panels.flatMap((p) => p.targets.map((t) => t.expr)).join("\n");
    const alerts = of("PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g) => g.rules)).filter((r) => r.alert);
    for (const alert of alerts) {
      for (const metric of alert.expr.match(/[a-z_]+(?=\{)/g)) {
        assert.ok(charted.includes(metric + "{"), `${alert.alert} watches ${metric}, which no panel charts`);
      }
    }
  });

  test(`${overlay}: every alert links to its section of the runbook`, () => {
    const runbook = readFileSync(join(DEPLOY, "..", "docs", "operations.md"), "utf8");
    const anchors = new Set([...runbook.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].trim().toLowerCase()
      .replace(/[^\w\- ]/g, "").replace(/ /g, "-")));
    const alerts = of("PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g) => g.rules)).filter((r) => r.alert);
    assert.ok(alerts.length >= 6, "alerts for consumer lag, outbox lag, dead letters, 5xx, readiness and p99");
    for (const alert of alerts) {
      const anchor = alert.annotations?.runbook_url?.split("docs/operations.md#")[1];
      assert.ok(anchor && anchors.has(anchor), `${alert.alert}: runbook_url ${alert.annotations?.runbook_url} names a section of docs/operations.md`);
    }
  });
}

test("production: two instances of each service, three of PostgreSQL and Kafka, nightly backups", () => {
  const objects = render("production");
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    assert.ok(d.spec.replicas >= 2, `${d.metadata.name}: ${d.spec.replicas} replicas`);
  }
  assert.equal(objects.find((o) => o.kind === "ScaledObject").spec.minReplicaCount, 2);
  assert.equal(objects.find((o) => o.kind === "Cluster").spec.instances, 3);
  assert.ok(objects.find((o) => o.kind === "Cluster").spec.backup?.barmanObjectStore, "WAL archived");
  assert.ok(objects.some((o) => o.kind === "ScheduledBackup"), "a scheduled backup");
  assert.ok(objects.find((o) => o.kind === "KafkaNodePool").spec.replicas >= 3);
  assert.ok(objects.filter((o) => o.kind === "KafkaTopic").every((t) => t.spec.replicas === 3));
});

test("the validation finds what is wrong (it can fail)", async () => {
  assert.deepEqual(await problems({ apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", metadata: { name: "t" },
    spec: { partitions: "three", replica: 3 } }),
  ["KafkaTopic/t: /spec must NOT have additional properties (replica)", "KafkaTopic/t: /spec/partitions must be integer"]);
  assert.equal((await problems({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" },
    spec: { selector: {}, template: { spec: { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] } } } })).length, 1);
  assert.deepEqual(await problems({ apiVersion: "example.org/v1", kind: "Widget", metadata: { name: "w" } }),
    ["Widget/w: no schema for example.org/v1 Widget"]);
});
