#!/usr/bin/env node
// Reads the seven Cohesion topics from the beginning with a fresh consumer group and validates every record:
// the CloudEvents envelope against schemas/cloudevent-envelope.schema.json and `data` against the schema of its
// `type` (lib/validate-event.mjs). Exits 0 only if every required topic has at least --min-per-topic valid
// events and no topic has an invalid one.
//
//   COHESION_KAFKA_PASSWORD=… node kafka-check.mjs --brokers localhost:9092 --username admin
//                        [--min-per-topic 1] [--timeout-ms 30000]
//                        [--topics cohesion.members.v1,cohesion.norms.v1] [--schemas-dir DIR] [--max-reasons 10]
//                        [--verbose]
//
// Exit codes: 0 all good, 1 the check failed, 2 bad arguments or Kafka unreachable.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { createEventValidator, defaultSchemasDir, TOPICS, TRANSIT_TOPICS } from './lib/validate-event.mjs';

const { Kafka, logLevel } = kafkajs;
const ALL_TOPICS = Object.keys(TOPICS);
/** What must have events unless --topics says otherwise: the permanent topics (the exports topics keep a day). */
const DEFAULT_REQUIRED = ALL_TOPICS.filter((topic) => !TRANSIT_TOPICS.includes(topic));

const USAGE = `usage: node kafka-check.mjs --brokers host:port[,host:port...] [options]

  --brokers host:port      Kafka bootstrap servers, comma-separated (required)
  --username NAME          sign in with SASL SCRAM-SHA-512 as NAME, with the password in the environment
                           variable COHESION_KAFKA_PASSWORD (Cohesion's brokers refuse anonymous clients)
  --min-per-topic N        valid events each required topic must have (default 1)
  --timeout-ms MS          give up reading after this long (default 30000)
  --topics a,b             topics that must have events (default the five permanent ones: ${DEFAULT_REQUIRED.join(', ')});
                           all seven are read and validated either way
  --schemas-dir DIR        JSON Schemas folder (default ${defaultSchemasDir})
  --max-reasons N          invalid records to detail per topic (default 10)
  --verbose                Kafka client logs
  --help                   this text`;

class UsageError extends Error {}

export function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        brokers: { type: 'string' },
        username: { type: 'string' },
        'min-per-topic': { type: 'string', default: '1' },
        'timeout-ms': { type: 'string', default: '30000' },
        topics: { type: 'string' },
        'schemas-dir': { type: 'string' },
        'max-reasons': { type: 'string', default: '10' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(err.message);
  }
  if (values.help) return { help: true };

  const integer = (name, min) => {
    const raw = values[name];
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got '${raw}'`);
    return Number(raw);
  };
  const list = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);

  if (!values.brokers) throw new UsageError('--brokers is required');
  const brokers = list(values.brokers);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker)) {
      throw new UsageError(`--brokers: '${broker}' is not host:port`);
    }
  }
  if (brokers.length === 0) throw new UsageError('--brokers is empty');

  const required = values.topics === undefined ? DEFAULT_REQUIRED : list(values.topics);
  for (const topic of required) {
    if (!ALL_TOPICS.includes(topic)) throw new UsageError(`--topics: unknown topic '${topic}' (known: ${ALL_TOPICS.join(', ')})`);
  }

  if (values.username !== undefined && !process.env.COHESION_KAFKA_PASSWORD) {
    throw new UsageError('--username needs the password in the environment variable COHESION_KAFKA_PASSWORD');
  }

  return {
    brokers,
    sasl: values.username === undefined ? undefined
      : { mechanism: 'scram-sha-512', username: values.username, password: process.env.COHESION_KAFKA_PASSWORD },
    minPerTopic: integer('min-per-topic', 0),
    timeoutMs: integer('timeout-ms', 1),
    required: new Set(required),
    schemasDir: values['schemas-dir'],
    maxReasons: integer('max-reasons', 0),
    verbose: values.verbose,
  };
}

/** Resolves after ms, or never if cancelled; .cancel() clears the timer. */
function delay(ms) {
  let timer;
  const promise = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
  promise.cancel = () => clearTimeout(timer);
  return promise;
}

async function withTimeout(promise, ms, what) {
  const timer = delay(ms);
  try {
    return await Promise.race([promise, timer.then(() => { throw new Error(`${what} took longer than ${ms} ms`); })]);
  } finally {
    timer.cancel();
  }
}

/**
 * Reads and validates; returns per-topic stats. `createKafka` is replaceable for tests.
 * @param {ReturnType<typeof parseOptions>} options
 */
export async function check(options, { createKafka = (config) => new Kafka(config) } = {}) {
  const validator = createEventValidator(options.schemasDir ? { schemasDir: options.schemasDir } : {});
  const deadline = Date.now() + options.timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const groupId = `cohesion-kafka-check-${randomUUID()}`;

  const kafka = createKafka({
    clientId: 'cohesion-kafka-check',
    brokers: options.brokers,
    sasl: options.sasl,
    logLevel: options.verbose ? logLevel.INFO : logLevel.NOTHING,
    connectionTimeout: Math.min(10_000, options.timeoutMs),
    retry: { retries: 3 },
  });

  /** @type {Map<string, {required: boolean, exists: boolean, valid: number, invalid: number, types: Map<string, number>, reasons: string[], behind: string[]}>} */
  const stats = new Map(ALL_TOPICS.map((topic) => [topic, {
    required: options.required.has(topic), exists: false, valid: 0, invalid: 0, types: new Map(), reasons: [], behind: [],
  }]));

  const admin = kafka.admin();
  await withTimeout(admin.connect(), remaining(), 'connecting to Kafka');
  let consumer;
  try {
    const existing = new Set(await withTimeout(admin.listTopics(), remaining(), 'listing topics'));
    const present = ALL_TOPICS.filter((topic) => existing.has(topic));
    for (const topic of present) stats.get(topic).exists = true;

    // The end of each partition when we start: reading is complete once every partition is read up to it.
    /** @type {Map<string, bigint>} "topic:partition" -> end offset (exclusive) */
    const ends = new Map();
    /** @type {Map<string, bigint>} "topic:partition" -> next offset to read */
    const positions = new Map();
    for (const topic of present) {
      for (const { partition, high, low } of await withTimeout(admin.fetchTopicOffsets(topic), remaining(), `offsets of ${topic}`)) {
        if (BigInt(high) > BigInt(low)) ends.set(`${topic}:${partition}`, BigInt(high));
      }
    }
    const caughtUp = () => [...ends].every(([key, end]) => (positions.get(key) ?? -1n) >= end);
    // An absent required topic fails in the report; waiting cannot make it appear (the checker creates no topic).
    const enoughEvents = () => [...stats.values()].every((s) => !s.required || !s.exists || s.valid >= options.minPerTopic);

    if (present.length > 0 && !(ends.size === 0 && enoughEvents())) {
      consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 3 } });
      await withTimeout(consumer.connect(), remaining(), 'connecting the consumer');
      await consumer.subscribe({ topics: present, fromBeginning: true });

      let finish;
      let fail;
      const finished = new Promise((resolve, reject) => { finish = resolve; fail = reject; });
      const maybeFinish = () => { if (caughtUp() && enoughEvents()) finish('done'); };

      // END_BATCH_PROCESS also reports batches of only control records (transaction markers), so positions
      // move past offsets that eachMessage never sees.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const key = `${payload.topic}:${payload.partition}`;
        const next = BigInt(payload.lastOffset) + 1n;
        if (next > (positions.get(key) ?? -1n)) positions.set(key, next);
        maybeFinish();
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) fail(new Error(`consumer crashed: ${payload.error?.message ?? payload.error}`));
      });

      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const key = `${topic}:${partition}`;
          const next = BigInt(message.offset) + 1n;
          if (next > (positions.get(key) ?? -1n)) positions.set(key, next);
          const s = stats.get(topic);
          const result = validator.validateRecord({ topic, value: message.value, headers: message.headers });
          const type = result.type ?? '(no type)';
          s.types.set(type, (s.types.get(type) ?? 0) + 1);
          if (result.valid) {
            s.valid++;
          } else {
            s.invalid++;
            if (s.reasons.length < options.maxReasons) {
              s.reasons.push(`${topic}[${partition}]@${message.offset} ${type}: ${result.errors.join('; ')}`);
            }
          }
        },
      });

      const poll = setInterval(maybeFinish, 250);
      const timer = delay(remaining());
      try {
        await Promise.race([finished, timer.then(() => 'timeout')]);
      } finally {
        clearInterval(poll);
        timer.cancel();
      }

      for (const [key, end] of ends) {
        const position = positions.get(key);
        if (position === undefined || position < end) {
          const [topic, partition] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)];
          stats.get(topic).behind.push(`partition ${partition} read to ${position ?? 'nothing'} of ${end}`);
        }
      }
    }
  } finally {
    if (consumer) await withTimeout(consumer.disconnect(), 10_000, 'disconnecting').catch(() => {});
    // The group has no committed offsets; remove it so checks leave nothing behind. Best effort.
    if (consumer) await withTimeout(admin.deleteGroups([groupId]), 5_000, 'deleting the group').catch(() => {});
    await withTimeout(admin.disconnect(), 5_000, 'disconnecting').catch(() => {});
  }
  return { stats, groupId };
}

/** Prints the per-topic summary; returns the exit code (0 pass, 1 fail). */
export function report(options, { stats, groupId }, log = console.log) {
  const failures = [];
  log(`kafka-check: brokers ${options.brokers.join(',')}, group ${groupId}, `
    + `at least ${options.minPerTopic} valid event(s) per required topic`);
  for (const [topic, s] of stats) {
    const problems = [];
    if (!s.exists) {
      if (s.required) problems.push('topic does not exist');
    } else {
      if (s.required && s.valid < options.minPerTopic) problems.push(`${s.valid} valid event(s), ${options.minPerTopic} needed`);
      if (s.invalid > 0) problems.push(`${s.invalid} invalid event(s)`);
      if (s.behind.length > 0) problems.push(`not read to the end within the timeout (${s.behind.join('; ')})`);
    }
    const status = problems.length === 0 ? 'ok' : `FAIL: ${problems.join(', ')}`;
    const existence = s.exists ? '' : ' (absent)';
    log(`${topic.padEnd(28)} ${(s.required ? 'required' : 'optional').padEnd(8)} `
      + `valid ${String(s.valid).padStart(5)}  invalid ${String(s.invalid).padStart(5)}  ${status}${existence}`);
    if (s.types.size > 0) {
      log(`    types: ${[...s.types].sort().map(([type, n]) => `${type} x${n}`).join(', ')}`);
    }
    for (const reason of s.reasons) log(`    invalid ${reason}`);
    if (s.invalid > s.reasons.length) log(`    ... and ${s.invalid - s.reasons.length} more invalid record(s)`);
    if (problems.length > 0) failures.push(topic);
  }
  log(failures.length === 0 ? 'kafka-check: OK' : `kafka-check: FAILED (${failures.join(', ')})`);
  return failures.length === 0 ? 0 : 1;
}

export async function main(argv) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kafka-check: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let result;
  try {
    result = await check(options);
  } catch (err) {
    console.error(`kafka-check: ${err.message}`);
    return 2;
  }
  return report(options, result);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
