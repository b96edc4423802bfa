#!/usr/bin/env node
// A partner's webhook endpoint for the end-to-end tests, verifying every delivery with the reference
// implementation of the Standard Webhooks specification (npm package standardwebhooks), not Cohesion's code.
//
//   node webhook-receiver.mjs
//
// Listens on 127.0.0.1 on a free port and prints {"port": n} as its first line. Deliveries go to any path but
// /control and /received:
// - each is verified against every secret set with POST /control {"secrets": {"label": "whsec_…", …}}; the
//   record lists the labels (sorted) whose secret verifies it (Webhook.verify: signature and a 5-minute timestamp window);
//   a delivery that no secret verifies is answered 401;
// - POST /control {"fail": n} answers the next n verified deliveries with 500;
// - GET /received returns every delivery as JSON: {id, timestamp, signatures, verifiedWith[], answered, body}.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

let secrets = {};
let failures = 0;
const received = [];

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.url === '/control' && req.method === 'POST') {
    const control = JSON.parse(body);
    if (control.secrets) secrets = control.secrets;
    if (Number.isInteger(control.fail)) failures = control.fail;
    res.writeHead(204).end();
    return;
  }
  if (req.url === '/received' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    return;
  }
  const verifiedWith = [];
  for (const [label, secret] of Object.entries(secrets)) {
    try {
      new Webhook(secret).verify(body, req.headers);
      verifiedWith.push(label);
    } catch {
      // not this secret
    }
  }
  verifiedWith.sort(); // labels in a stable order, whatever order the secrets were set in
  let answered = 204;
  if (verifiedWith.length === 0) {
    answered = 401;
  } else if (failures > 0) {
    failures -= 1;
    answered = 500;
  }
  received.push({
    id: req.headers['webhook-id'],
    timestamp: Number(req.headers['webhook-timestamp']),
    signatures: (req.headers['webhook-signature'] || '').split(' ').filter((s) => s.length > 0).length,
    verifiedWith,
    answered,
    body: JSON.parse(body),
  });
  res.writeHead(answered).end();
});

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
