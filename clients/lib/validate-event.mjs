// Validation of Cohesion events as they travel on Kafka: CloudEvents 1.0 in structured JSON mode.
//
// A record's value is the envelope (schemas/cloudevent-envelope.schema.json); its `type`, e.g.
// cohesion.members.member-joined.v1, names the schema of `data`: schemas/members/member-joined.v1.schema.json.
// The same module is used by kafka-check.mjs and by test/validate.test.mjs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const defaultSchemasDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..', '..', 'event-contracts', 'src', 'main', 'resources', 'schemas',
);

export const ENVELOPE_SCHEMA = 'cloudevent-envelope.schema.json';

/** The seven topics and the producer whose events travel on each. */
export const TOPICS = Object.freeze({
  'cohesion.members.v1': 'members',
  'cohesion.members.profiles.v1': 'members',
  'cohesion.norms.v1': 'norms',
  'cohesion.metrics.v1': 'metrics',
  'cohesion.activities.v1': 'activities',
  'cohesion.norms.exports.v1': 'norms',
  'cohesion.metrics.exports.v1': 'metrics',
});

/** Topics of data in transit (members' data exports), kept a day: empty most of the time. */
export const TRANSIT_TOPICS = Object.freeze(['cohesion.norms.exports.v1', 'cohesion.metrics.exports.v1']);

/** The compacted topics, where a record with a null value is a tombstone (an erasure), not an error. */
export const COMPACTED_TOPICS = Object.freeze(['cohesion.members.profiles.v1', ...TRANSIT_TOPICS]);

/** cohesion.<producer>.<event>.v<N>, as EventType.java names them. */
const TYPE_NAME = /^cohesion\.([a-z]+)\.([a-z-]+)\.(v[0-9]+)$/;

/**
 * The schema file of an event type, relative to the schemas folder, or null when the name does not follow
 * cohesion.<producer>.<event>.v<N>.
 * @param {unknown} type
 * @returns {{ producer: string, file: string } | null}
 */
export function schemaFileForType(type) {
  if (typeof type !== 'string') return null;
  const m = TYPE_NAME.exec(type);
  if (!m) return null;
  const [, producer, event, version] = m;
  return { producer, file: `${producer}/${event}.${version}.schema.json` };
}

/** Readable reasons from Ajv errors, prefixed with where they apply (envelope or data). */
function describe(prefix, errors) {
  return (errors ?? []).map((e) => {
    const where = `${prefix}${e.instancePath || ''}`;
    let detail = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties') detail += ` '${e.params.additionalProperty}'`;
    else if (e.keyword === 'enum') detail += ` ${JSON.stringify(e.params.allowedValues)}`;
    else if (e.keyword === 'const') detail += ` ${JSON.stringify(e.params.allowedValue)}`;
    return `${where}: ${detail}`;
  });
}

/**
 * Creates a validator over one schemas folder. Schemas are compiled on first use and cached.
 * @param {{ schemasDir?: string }} [options]
 */
export function createEventValidator({ schemasDir = defaultSchemasDir } = {}) {
  // Format assertions on, as in the Java side (networknt with formatAssertionsEnabled).
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: true });
  addFormats(ajv);

  // relative file -> compiled validate function, null (no such file) or an Error (unreadable or invalid schema)
  const compiled = new Map();
  function compile(relativeFile) {
    if (!compiled.has(relativeFile)) {
      const file = path.join(schemasDir, relativeFile);
      let entry = null;
      if (existsSync(file)) {
        try {
          entry = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
        } catch (err) {
          entry = new Error(`schema ${relativeFile} cannot be used: ${err.message}`);
        }
      }
      compiled.set(relativeFile, entry);
    }
    return compiled.get(relativeFile);
  }

  const envelopeValidator = compile(ENVELOPE_SCHEMA);
  if (envelopeValidator === null) throw new Error(`no envelope schema at ${path.join(schemasDir, ENVELOPE_SCHEMA)}`);
  if (envelopeValidator instanceof Error) throw envelopeValidator;

  /** Compiles every *.schema.json under the folder; returns the problems (empty when all compile). */
  function compileAll() {
    const problems = [];
    for (const entry of readdirSync(schemasDir, { recursive: true })) {
      const relativeFile = String(entry).split(path.sep).join('/');
      if (!relativeFile.endsWith('.schema.json')) continue;
      const result = compile(relativeFile);
      if (result instanceof Error) problems.push(result.message);
    }
    return problems;
  }

  /**
   * Validates a parsed envelope: the envelope against its schema and `data` against the schema of `type`.
   * An unknown type (no schema file) is a failure. With `topic`, the type's producer must own that topic.
   * @param {unknown} event
   * @param {{ topic?: string }} [options]
   * @returns {{ valid: boolean, type: string | undefined, errors: string[] }}
   */
  function validateEvent(event, { topic } = {}) {
    const errors = [];
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      return { valid: false, type: undefined, errors: ['envelope: must be a JSON object'] };
    }
    if (!envelopeValidator(event)) errors.push(...describe('envelope', envelopeValidator.errors));

    const type = typeof event.type === 'string' ? event.type : undefined;
    const target = schemaFileForType(type);
    if (type !== undefined && target === null) {
      if (!errors.some((e) => e.startsWith('envelope/type:'))) {
        errors.push(`type: '${type}' does not look like cohesion.<producer>.<event>.v<N>`);
      }
    } else if (target !== null) {
      const dataValidator = compile(target.file);
      if (dataValidator === null) {
        errors.push(`type: unknown event type '${type}' (no schema at schemas/${target.file})`);
      } else if (dataValidator instanceof Error) {
        errors.push(`type: ${dataValidator.message}`);
      } else if ('data' in event && !dataValidator(event.data)) {
        errors.push(...describe('data', dataValidator.errors));
      }
      if (topic !== undefined && TOPICS[topic] !== undefined && TOPICS[topic] !== target.producer) {
        errors.push(`type: '${type}' is a ${target.producer} event; it does not belong on ${topic}`);
      }
    }
    return { valid: errors.length === 0, type, errors };
  }

  /**
   * Validates a Kafka record: its value must be a structured-mode CloudEvent in UTF-8 JSON.
   * @param {{ topic?: string, value: Buffer | string | null | undefined, headers?: Record<string, unknown> }} record
   */
  function validateRecord({ topic, value, headers = {} }) {
    if ((value === null || value === undefined) && COMPACTED_TOPICS.includes(topic)) {
      return { valid: true, type: '(tombstone)', errors: [] };
    }
    if (value === null || value === undefined || value.length === 0) {
      return { valid: false, type: undefined, errors: ['value: empty (tombstone?); expected a structured CloudEvent'] };
    }
    let event;
    try {
      event = JSON.parse(Buffer.isBuffer(value) ? value.toString('utf8') : value);
    } catch (err) {
      return { valid: false, type: undefined, errors: [`value: not JSON (${err.message})`] };
    }
    const result = validateEvent(event, { topic });
    if (!result.valid && headers && Object.keys(headers).some((h) => h.toLowerCase() === 'ce_type')) {
      result.errors.push('headers: ce_type present: looks like a binary-mode CloudEvent; structured mode is expected');
    }
    return result;
  }

  return { validateEvent, validateRecord, compileAll, schemasDir };
}
