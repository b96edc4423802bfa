#!/usr/bin/env node
// A reverse proxy that validates every exchange against a service's committed OpenAPI contract with Stoplight
// Prism's validator (@stoplight/prism-http: routing, request, security and response validation). The services'
// integration tests send all their traffic through it (ContractValidation on the Java side).
//
//   node contract-proxy.mjs <contract.json> <port> <exchange-log.jsonl>
//
// The upstream is named per request by the header `x-contract-upstream: <port>` (a service on 127.0.0.1), so that
// one proxy serves a test JVM whatever port its service listens on. Requests are forwarded byte for byte (a
// malformed body reaches the service as sent) and answers come back byte for byte; server-sent events stream
// through (their status, content type and headers are validated, not their body). Each answer carries
// `x-contract-validated: true|false` (false: no operation of the contract matched, or an event stream) and, when
// anything was found, `sl-violations`: a JSON array of {location, severity, code, message}, where location[0] is
// "request" (deliberately bad requests have those) or "response". One JSON line per exchange goes to the log.
import fs from 'node:fs';
import http from 'node:http';
import { createInstance, getHttpOperationsFromSpec } from '@stoplight/prism-http';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as E from 'fp-ts/lib/Either.js';

const [contractPath, portArg, logPath] = process.argv.slice(2);
if (!contractPath || !portArg || !logPath) {
  console.error('usage: node contract-proxy.mjs <contract.json> <port> <exchange-log.jsonl>');
  process.exit(2);
}
const UPSTREAM_HEADER = 'x-contract-upstream';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailers',
  'transfer-encoding', 'upgrade']);
const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, success() {}, child() { return silent; } };
const isJson = (type) => /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i.test(type || '');
const log = fs.createWriteStream(logPath, { flags: 'a' });

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (d) => chunks.push(d));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

// The contracts are OpenAPI 3.1: validate with the 2020-12 dialect (otherwise Prism falls back to draft-07).
const contract = JSON.parse(fs.readFileSync(contractPath, 'utf8'));
contract.jsonSchemaDialect ??= 'https://json-schema.org/draft/2020-12/schema';
const operations = await getHttpOperationsFromSpec(contract);
const config = { isProxy: true, upstream: new URL('http://127.0.0.1'), errors: false, validateRequest: true,
  validateResponse: true, checkSecurity: true, mock: { dynamic: false } };

/** Prism's verdict on an exchange whose answer we already have (its `forward` hands that answer back). */
async function validate(request, response) {
  const prism = createInstance(config, { logger: silent, forward: () => () => TE.right(response) });
  const result = await prism.request(request, operations)();
  if (E.isLeft(result)) {
    return { validated: false, violations: [{ location: ['proxy'], severity: 'Error', code: 'prism-error',
      message: String(result.left?.message ?? result.left) }] };
  }
  const { input, output } = result.right.validations;
  const describe = (side) => (d) => ({ location: [side, ...(d.path ?? [])], severity: SEVERITY[d.severity] ?? String(d.severity),
    code: d.code, message: d.message });
  return {
    validated: !input.some((d) => d.message === 'Selected route not found'),
    violations: [...input.map(describe('request')), ...output.map(describe('response'))],
  };
}

let exchanges = 0;
// Headers up to 64 KiB pass through, so that the service answers an oversized request itself.
http.createServer({ maxHeaderSize: 65536 }, async (req, res) => {
  const id = ++exchanges;
  try {
    const upstreamPort = Number(req.headers[UPSTREAM_HEADER]);
    if (!upstreamPort) throw new Error(`the ${UPSTREAM_HEADER} header names no port`);
    const requestBody = await readAll(req);
    const headers = { ...req.headers, host: `127.0.0.1:${upstreamPort}` };
    for (const name of [UPSTREAM_HEADER, 'connection', 'keep-alive', 'upgrade', 'http2-settings', 'proxy-connection', 'te']) {
      delete headers[name]; // this proxy's own business (an h2c upgrade would never come back as an HTTP/1.1 answer)
    }
    const upstream = await new Promise((resolve, reject) => {
      const forwarded = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers });
      forwarded.on('response', resolve);
      forwarded.on('error', reject);
      forwarded.end(requestBody);
    });
    const outHeaders = Object.fromEntries(Object.entries(upstream.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const contentType = upstream.headers['content-type'] ?? '';
    const stream = /^text\/event-stream/i.test(contentType);
    const extra = [];
    let raw = null;
    let body;
    if (!stream) {
      raw = await readAll(upstream);
      if (raw.length > 0 && isJson(contentType)) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (e) {
          body = raw.toString('utf8');
          extra.push({ location: ['response', 'body'], severity: 'Error', code: 'invalid-json', message: `not JSON: ${e.message}` });
        }
      } else if (raw.length > 0) {
        body = raw.toString('utf8');
      }
    }
    const url = new URL(req.url, 'http://proxy');
    const query = {};
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? values[0] : values;
    }
    let requestParsed = requestBody.length ? requestBody.toString('utf8') : undefined;
    if (requestParsed !== undefined && isJson(req.headers['content-type'])) {
      try { requestParsed = JSON.parse(requestParsed); } catch { /* Prism reports the string against the schema */ }
    }
    const flatHeaders = Object.fromEntries(Object.entries(outHeaders).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    const verdict = await validate({ method: req.method.toLowerCase(), url: { path: url.pathname, query }, headers, body: requestParsed },
      { statusCode: upstream.statusCode, headers: flatHeaders, body });
    let violations = [...verdict.violations, ...extra];
    if (stream) violations = violations.filter((v) => !(v.location[0] === 'response' && v.location[1] === 'body'));
    const validated = verdict.validated && !stream;
    log.write(JSON.stringify({ id, method: req.method, path: url.pathname, status: upstream.statusCode, contentType,
      validated: verdict.validated, violations }) + '\n');
    if (violations.length > 0) {
      let shown = violations;
      let json = JSON.stringify(shown);
      while (json.length > 16_000 && shown.length > 1) {
        shown = shown.slice(0, Math.ceil(shown.length / 2));
        json = JSON.stringify([...shown, { location: ['proxy'], severity: 'Error', code: 'truncated',
          message: `${violations.length - shown.length} more in exchange ${id} of ${logPath}` }]);
      }
      outHeaders['sl-violations'] = json;
    }
    outHeaders['x-contract-validated'] = String(validated);
    outHeaders['x-contract-exchange'] = String(id);
    res.writeHead(upstream.statusCode, outHeaders);
    if (stream) {
      res.on('close', () => upstream.destroy()); // a client that hangs up ends the stream at the service too
      upstream.pipe(res);
    } else {
      res.end(raw);
    }
  } catch (e) {
    log.write(JSON.stringify({ id, method: req.method, path: req.url, proxyError: String(e?.stack ?? e) }) + '\n');
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-contract-proxy-error': 'true' });
    res.end(`contract proxy error: ${e}`);
  }
}).listen(Number(portArg), '127.0.0.1', () => console.error(`contract proxy on 127.0.0.1:${portArg} for ${contractPath}`));
