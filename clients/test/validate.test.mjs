// Unit checks of the event validation that kafka-check.mjs uses (lib/validate-event.mjs),
// against the committed schemas in event-contracts/src/main/resources/schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createEventValidator, schemaFileForType, TOPICS } from '../lib/validate-event.mjs';

const validator = createEventValidator();
const schema = (file) => JSON.parse(readFileSync(path.join(validator.schemasDir, file), 'utf8'));

const NETWORK = '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d11';
const MEMBER = '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d12';

/** A member-joined payload with exactly the schema's required fields. */
function memberJoined(overrides = {}) {
  return {
    networkId: NETWORK,
    memberId: MEMBER,
    displayName: 'Amira Haddad',
    constituency: 'ACADEMIC',
    interests: ['policy'],
    roles: ['ORGANISER', 'MEMBER'],
    route: 'FOUNDER',
    joinedAt: '2026-01-02T03:04:05.123456Z',
    ...overrides,
  };
}

function envelope(type, data, overrides = {}) {
  return {
    specversion: '1.0',
    id: '0190f0c4-5b7e-7c2a-9d1e-4f2a6b8c0d99',
    source: '/cohesion/members-service',
    type,
    time: '2026-01-02T03:04:05Z',
    subject: `members/${MEMBER}`,
    datacontenttype: 'application/json',
    networkid: NETWORK,
    data,
    ...overrides,
  };
}

const JOINED = 'cohesion.members.member-joined.v1';

describe('schemas', () => {
  it('every committed schema compiles under JSON Schema 2020-12 (strict)', () => {
    assert.deepEqual(validator.compileAll(), []);
  });

  it('the test payload carries exactly the required fields of member-joined.v1', () => {
    const required = schema('members/member-joined.v1.schema.json').required;
    assert.deepEqual(Object.keys(memberJoined()).sort(), [...required].sort());
  });

  it('maps a type to its schema file by the naming rule', () => {
    assert.deepEqual(schemaFileForType(JOINED), { producer: 'members', file: 'members/member-joined.v1.schema.json' });
    assert.deepEqual(schemaFileForType('cohesion.activities.activity-recorded.v1'),
      { producer: 'activities', file: 'activities/activity-recorded.v1.schema.json' });
    assert.equal(schemaFileForType('cohesion.members.member-joined'), null);
    assert.equal(schemaFileForType('cohesion.members.../../x.v1'), null);
    assert.equal(schemaFileForType(42), null);
  });

  it('knows the seven topics', () => {
    assert.deepEqual(Object.keys(TOPICS).sort(),
      ['cohesion.activities.v1', 'cohesion.members.profiles.v1', 'cohesion.members.v1', 'cohesion.metrics.exports.v1',
        'cohesion.metrics.v1', 'cohesion.norms.exports.v1', 'cohesion.norms.v1']);
  });
});

describe('valid events', () => {
  it('accepts a member-joined event with only the required fields', () => {
    const result = validator.validateEvent(envelope(JOINED, memberJoined()), { topic: 'cohesion.members.v1' });
    assert.deepEqual(result, { valid: true, type: JOINED, errors: [] });
  });

  it('accepts the optional organisation and an empty interests list', () => {
    const result = validator.validateEvent(envelope(JOINED, memberJoined({ organisation: 'Institute', interests: [] })));
    assert.equal(result.valid, true, result.errors.join('\n'));
  });

  it('accepts a record value in UTF-8 JSON bytes, as it comes from Kafka', () => {
    const value = Buffer.from(JSON.stringify(envelope(JOINED, memberJoined({ displayName: 'Jonas Bérg' }))), 'utf8');
    const result = validator.validateRecord({ topic: 'cohesion.members.v1', value });
    assert.equal(result.valid, true, result.errors.join('\n'));
  });

  it('accepts a member-erased event (another type, resolved by name)', () => {
    const erased = { networkId: NETWORK, memberId: MEMBER, erasedAt: '2026-01-02T03:04:05Z' };
    const required = schema('members/member-erased.v1.schema.json').required;
    assert.deepEqual(Object.keys(erased).sort(), [...required].sort());
    const result = validator.validateEvent(envelope('cohesion.members.member-erased.v1', erased));
    assert.equal(result.valid, true, result.errors.join('\n'));
  });
});

describe('invalid events', () => {
  const reasons = (event, options) => {
    const result = validator.validateEvent(event, options);
    assert.equal(result.valid, false, 'expected the event to be invalid');
    return result.errors.join('\n');
  };

  it('rejects a payload missing a required field', () => {
    const data = memberJoined();
    delete data.route;
    assert.match(reasons(envelope(JOINED, data)), /^data: must have required property 'route'$/m);
  });

  it('rejects wrong formats and values in the payload, naming each field', () => {
    const all = reasons(envelope(JOINED, memberJoined({
      networkId: 'not-a-uuid', joinedAt: 'yesterday', constituency: 'STUDENT', roles: [], displayName: '',
    })));
    assert.match(all, /data\/networkId: must match format "uuid"/);
    assert.match(all, /data\/joinedAt: must match format "date-time"/);
    assert.match(all, /data\/constituency: must be equal to one of the allowed values/);
    assert.match(all, /data\/roles: must NOT have fewer than 1 items/);
    assert.match(all, /data\/displayName: must NOT have fewer than 1 characters/);
  });

  it('rejects an envelope missing CloudEvents attributes', () => {
    const event = envelope(JOINED, memberJoined());
    delete event.specversion;
    delete event.networkid;
    const all = reasons(event);
    assert.match(all, /envelope: must have required property 'specversion'/);
    assert.match(all, /envelope: must have required property 'networkid'/);
  });

  it('rejects a wrong specversion and datacontenttype', () => {
    const all = reasons(envelope(JOINED, memberJoined(), { specversion: '0.3', datacontenttype: 'text/plain' }));
    assert.match(all, /envelope\/specversion: must be equal to constant "1.0"/);
    assert.match(all, /envelope\/datacontenttype: must be equal to constant "application\/json"/);
  });

  it('rejects an unknown event type even when the envelope is well formed', () => {
    const all = reasons(envelope('cohesion.members.member-teleported.v1', memberJoined()));
    assert.match(all, /unknown event type 'cohesion.members.member-teleported.v1'/);
  });

  it('rejects a known event in a version that has no schema', () => {
    assert.match(reasons(envelope('cohesion.members.member-joined.v9', memberJoined())), /unknown event type/);
  });

  it('rejects a type that does not follow the naming rule', () => {
    assert.match(reasons(envelope('MemberJoined', memberJoined())), /envelope\/type: must match pattern/);
  });

  it('rejects an event on the topic of another producer', () => {
    assert.match(reasons(envelope(JOINED, memberJoined()), { topic: 'cohesion.norms.v1' }),
      /is a members event; it does not belong on cohesion.norms.v1/);
  });

  it('rejects data that is not an object', () => {
    assert.match(reasons(envelope(JOINED, 'hello')), /envelope\/data: must be object/);
  });

  it('rejects record values that are not a structured CloudEvent', () => {
    const cases = [
      [null, /empty \(tombstone\?\)/],
      [Buffer.alloc(0), /empty/],
      [Buffer.from('{"specversion":'), /not JSON/],
      [Buffer.from('[1,2]'), /envelope: must be a JSON object/],
    ];
    for (const [value, pattern] of cases) {
      const result = validator.validateRecord({ topic: 'cohesion.members.v1', value });
      assert.equal(result.valid, false);
      assert.match(result.errors.join('\n'), pattern);
    }
  });

  it('accepts a tombstone on the compacted profiles topic only', () => {
    const tombstone = validator.validateRecord({ topic: 'cohesion.members.profiles.v1', value: null });
    assert.deepEqual(tombstone, { valid: true, type: '(tombstone)', errors: [] });
    assert.equal(validator.validateRecord({ topic: 'cohesion.members.v1', value: null }).valid, false);
    assert.equal(validator.validateRecord({ topic: 'cohesion.members.profiles.v1', value: Buffer.alloc(0) }).valid, false);
  });

  it('hints at binary-mode CloudEvents when only the payload is in the value', () => {
    const result = validator.validateRecord({
      topic: 'cohesion.members.v1',
      value: Buffer.from(JSON.stringify(memberJoined())),
      headers: { ce_type: Buffer.from(JOINED) },
    });
    assert.equal(result.valid, false);
    assert.match(result.errors.join('\n'), /binary-mode CloudEvent/);
  });
});
