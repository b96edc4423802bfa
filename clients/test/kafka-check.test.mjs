// kafka-check.mjs's reading loop and verdict, against an in-memory stand-in for kafkajs (no broker needed).
// The stand-in mimics what the checker relies on: admin listTopics/fetchTopicOffsets, a consumer that calls
// eachMessage per record and emits END_BATCH_PROCESS with the batch's last offset (control records included).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { check, parseOptions, report } from '../kafka-check.mjs';

const NETWORK = '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d11';
const MEMBER = '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d12';
const OTHER = '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d13';
const AT = '2026-01-02T03:04:05Z';

function event(producer, type, data, id = 1) {
  return Buffer.from(JSON.stringify({
    specversion: '1.0',
    id: `0190f0c4-5b7e-7c2a-9d1e-${String(id).padStart(12, '0')}`,
    source: `/cohesion/${producer}-service`,
    type,
    time: AT,
    subject: `networks/${NETWORK}`,
    datacontenttype: 'application/json',
    networkid: NETWORK,
    data,
  }));
}

const VALID = {
  'cohesion.members.v1': event('members', 'cohesion.members.member-joined.v1', {
    networkId: NETWORK, memberId: MEMBER, displayName: 'Amira', constituency: 'ACADEMIC',
    interests: [], roles: ['MEMBER'], route: 'APPLICATION', joinedAt: AT,
  }),
  'cohesion.members.profiles.v1': event('members', 'cohesion.members.member-profile.v1', {
    networkId: NETWORK, memberId: MEMBER, displayName: 'Amira', constituency: 'ACADEMIC', interests: [],
    principal: { issuer: 'https://id.example.org', subject: 'amira' }, updatedAt: AT,
  }),
  'cohesion.norms.v1': event('norms', 'cohesion.norms.norm-book-acknowledged.v1', {
    networkId: NETWORK, memberId: MEMBER, normBookVersion: 1, acknowledgedAt: AT,
  }),
  'cohesion.metrics.v1': event('metrics', 'cohesion.metrics.norm-review-suggested.v1', {
    networkId: NETWORK, normId: OTHER, normCode: 'N-1', reason: 'BREACHED_OFTEN',
    breachesLast30Days: 4, appealsDecided: 0, appealsUpheld: 0, suggestedAt: AT,
  }),
  'cohesion.activities.v1': event('activities', 'cohesion.activities.activity-recorded.v1', {
    networkId: NETWORK, memberId: MEMBER, type: 'POSTED', occurredAt: AT, idempotencyKey: 'k-1',
  }),
};

/**
 * @param {Record<string, Array<Array<Buffer|null|{control: true}>>>} topics topic -> partitions -> records
 * @param {{ lateRecords?: Record<string, Buffer[]>, lateAfterMs?: number }} [late] records appended to partition 0
 *   after a while, to check that the checker waits for events that arrive during the run
 */
function fakeKafka(topics, { lateRecords = {}, lateAfterMs = 50 } = {}) {
  const calls = { groups: [], deleted: [], autoCreate: [] };
  const log = Object.fromEntries(Object.entries(topics).map(([t, parts]) => [t, parts.map((p) => [...p])]));
  const createKafka = () => ({
    admin: () => ({
      connect: async () => {},
      disconnect: async () => {},
      listTopics: async () => Object.keys(log),
      fetchTopicOffsets: async (topic) => log[topic].map((records, partition) => ({
        partition, offset: String(records.length), high: String(records.length), low: '0',
      })),
      deleteGroups: async (ids) => { calls.deleted.push(...ids); },
    }),
    consumer: ({ groupId, allowAutoTopicCreation }) => {
      calls.groups.push(groupId);
      calls.autoCreate.push(allowAutoTopicCreation);
      const emitter = new EventEmitter();
      let running = true;
      let subscribed = [];
      return {
        events: { END_BATCH_PROCESS: 'consumer.end_batch_process', CRASH: 'consumer.crash' },
        on: (name, listener) => emitter.on(name, listener),
        connect: async () => {},
        subscribe: async ({ topics: names, fromBeginning }) => {
          assert.equal(fromBeginning, true);
          subscribed = names;
        },
        disconnect: async () => { running = false; },
        run: async ({ eachMessage }) => {
          const deliver = async (topic, partition, from) => {
            const records = log[topic][partition];
            if (from >= records.length) return records.length;
            for (let offset = from; offset < records.length && running; offset++) {
              const record = records[offset];
              if (record && record.control) continue; // a transaction marker: never given to eachMessage
              await eachMessage({ topic, partition, message: { offset: String(offset), value: record, headers: {} } });
            }
            emitter.emit('consumer.end_batch_process', {
              payload: { topic, partition, lastOffset: String(records.length - 1) },
            });
            return records.length;
          };
          setImmediate(async () => {
            const read = new Map();
            for (const topic of subscribed) {
              for (let p = 0; p < log[topic].length; p++) read.set(`${topic}:${p}`, await deliver(topic, p, 0));
            }
            await new Promise((resolve) => setTimeout(resolve, lateAfterMs));
            for (const [topic, records] of Object.entries(lateRecords)) {
              if (!running || !subscribed.includes(topic)) continue;
              log[topic][0].push(...records);
              read.set(`${topic}:0`, await deliver(topic, 0, read.get(`${topic}:0`)));
            }
          });
        },
      };
    },
  });
  return { createKafka, calls };
}

async function runCheck(args, kafka) {
  const options = parseOptions(['--brokers', 'broker:9092', ...args]);
  const started = Date.now();
  const result = await check(options, { createKafka: kafka.createKafka });
  const lines = [];
  const code = report(options, result, (line) => lines.push(line));
  return { code, output: lines.join('\n'), elapsed: Date.now() - started, result };
}

const allTopics = (extra = {}) => ({
  'cohesion.members.v1': [[VALID['cohesion.members.v1']]],
  'cohesion.members.profiles.v1': [[VALID['cohesion.members.profiles.v1']]],
  'cohesion.norms.v1': [[VALID['cohesion.norms.v1']], []],
  'cohesion.metrics.v1': [[VALID['cohesion.metrics.v1']]],
  'cohesion.activities.v1': [[VALID['cohesion.activities.v1']]],
  ...extra,
});

describe('kafka-check', () => {
  it('passes when every topic has a valid event, and stops once it has read to the end', async () => {
    const kafka = fakeKafka(allTopics());
    const { code, output, elapsed } = await runCheck(['--timeout-ms', '5000'], kafka);
    assert.equal(code, 0, output);
    assert.match(output, /kafka-check: OK/);
    assert.match(output, /cohesion\.members\.v1\s+required\s+valid\s+1\s+invalid\s+0\s+ok/);
    assert.ok(elapsed < 4000, `took ${elapsed} ms: it should not wait for the timeout`);
    assert.equal(kafka.calls.groups.length, 1);
    assert.match(kafka.calls.groups[0], /^cohesion-kafka-check-[0-9a-f-]{36}$/);
    assert.deepEqual(kafka.calls.deleted, kafka.calls.groups, 'the fresh group is removed afterwards');
    assert.deepEqual(kafka.calls.autoCreate, [false], 'the checker must not create topics');
  });

  it('fails on one invalid event and says why', async () => {
    const bad = event('norms', 'cohesion.norms.norm-book-acknowledged.v1', {
      networkId: NETWORK, memberId: 'not-a-uuid', normBookVersion: 0, acknowledgedAt: AT,
    }, 2);
    const { code, output } = await runCheck(['--timeout-ms', '5000'],
      fakeKafka(allTopics({ 'cohesion.norms.v1': [[VALID['cohesion.norms.v1'], bad]] })));
    assert.equal(code, 1, output);
    assert.match(output, /cohesion\.norms\.v1\s+required\s+valid\s+1\s+invalid\s+1\s+FAIL: 1 invalid event\(s\)/);
    assert.match(output, /invalid cohesion\.norms\.v1\[0\]@1 cohesion\.norms\.norm-book-acknowledged\.v1: .*data\/memberId: must match format "uuid"/);
    assert.match(output, /data\/normBookVersion: must be >= 1/);
    assert.match(output, /kafka-check: FAILED \(cohesion\.norms\.v1\)/);
  });

  it('fails on an unknown type, a tombstone and an event on the wrong topic, also in an optional topic', async () => {
    const unknown = event('metrics', 'cohesion.metrics.vibes-measured.v1', { networkId: NETWORK }, 3);
    const { code, output } = await runCheck(['--topics', 'cohesion.members.v1', '--timeout-ms', '5000'],
      fakeKafka(allTopics({
        'cohesion.metrics.v1': [[unknown, null]],
        'cohesion.activities.v1': [[VALID['cohesion.members.v1']]],
      })));
    assert.equal(code, 1, output);
    assert.match(output, /unknown event type 'cohesion\.metrics\.vibes-measured\.v1'/);
    assert.match(output, /@1 \(no type\): value: empty \(tombstone\?\)/);
    assert.match(output, /does not belong on cohesion\.activities\.v1/);
    assert.match(output, /cohesion\.metrics\.v1\s+optional\s+valid\s+0\s+invalid\s+2\s+FAIL/);
  });

  it('waits for events that arrive during the run', async () => {
    const kafka = fakeKafka(allTopics({ 'cohesion.activities.v1': [[]] }), {
      lateRecords: { 'cohesion.activities.v1': [VALID['cohesion.activities.v1']] },
      lateAfterMs: 200,
    });
    const { code, output } = await runCheck(['--timeout-ms', '5000'], kafka);
    assert.equal(code, 0, output);
    assert.match(output, /cohesion\.activities\.v1\s+required\s+valid\s+1/);
  });

  it('fails a required topic with fewer valid events than --min-per-topic, after the timeout', async () => {
    const { code, output, elapsed } = await runCheck(['--min-per-topic', '2', '--timeout-ms', '600'], fakeKafka(allTopics()));
    assert.equal(code, 1, output);
    assert.match(output, /cohesion\.members\.v1\s+required\s+valid\s+1\s+invalid\s+0\s+FAIL: 1 valid event\(s\), 2 needed/);
    assert.ok(elapsed >= 550, `gave up after ${elapsed} ms, before the timeout`);
  });

  it('requires only the topics named in --topics', async () => {
    const { code, output } = await runCheck(
      ['--topics', 'cohesion.members.v1,cohesion.norms.v1', '--timeout-ms', '3000'],
      fakeKafka(allTopics({ 'cohesion.metrics.v1': [[]], 'cohesion.activities.v1': [[]] })),
    );
    assert.equal(code, 0, output);
    assert.match(output, /cohesion\.metrics\.v1\s+optional\s+valid\s+0\s+invalid\s+0\s+ok/);
  });

  it('fails a required topic that does not exist, without waiting for the timeout', async () => {
    const topics = allTopics();
    delete topics['cohesion.metrics.v1'];
    const { code, output, elapsed } = await runCheck(['--timeout-ms', '5000'], fakeKafka(topics));
    assert.equal(code, 1, output);
    assert.match(output, /cohesion\.metrics\.v1\s+required\s+valid\s+0\s+invalid\s+0\s+FAIL: topic does not exist \(absent\)/);
    assert.ok(elapsed < 4000, `took ${elapsed} ms`);
  });

  it('reads past a trailing transaction marker, which eachMessage never sees', async () => {
    const { code, output, elapsed } = await runCheck(['--timeout-ms', '5000'],
      fakeKafka(allTopics({ 'cohesion.members.v1': [[VALID['cohesion.members.v1'], { control: true }]] })));
    assert.equal(code, 0, output);
    assert.ok(elapsed < 4000, `took ${elapsed} ms: the marker offset must count as read`);
  });

  it('rejects bad arguments', () => {
    assert.throws(() => parseOptions([]), /--brokers is required/);
    assert.throws(() => parseOptions(['--brokers', 'localhost']), /not host:port/);
    assert.throws(() => parseOptions(['--brokers', 'k:9092', '--topics', 'cohesion.members.v2']), /unknown topic/);
    assert.throws(() => parseOptions(['--brokers', 'k:9092', '--min-per-topic', 'x']), /--min-per-topic must be an integer/);
    const defaults = parseOptions(['--brokers', 'k1:9092,k2:9093']);
    assert.deepEqual(defaults.brokers, ['k1:9092', 'k2:9093']);
    assert.equal(defaults.minPerTopic, 1);
    assert.equal(defaults.timeoutMs, 30000);
    assert.deepEqual([...defaults.required].sort(),
      ['cohesion.activities.v1', 'cohesion.members.profiles.v1', 'cohesion.members.v1', 'cohesion.metrics.v1', 'cohesion.norms.v1']);
  });
});
