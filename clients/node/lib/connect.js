'use strict';
// Mutual-TLS clients for a node's party-systems listener, and calls that always carry a deadline.
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');

const CALL_MS = 10_000;

/** A PartyGatewayService and DevClockService client presenting <pki>/<party>/<body>.crt/.key, trusting <pki>/<party>/ca.crt. */
function connect(services, address, pki, party, body) {
  const folder = path.join(pki, party);
  const read = (name) => {
    const file = path.join(folder, name);
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`cannot read ${file}: ${e.code || e.message}`);
    }
  };
  const credentials = grpc.credentials.createSsl(read('ca.crt'), read(`${body}.key`), read(`${body}.crt`));
  const party_ = new services.PartyGatewayService(address, credentials);
  const clock = new services.DevClockService(address, credentials, { channelOverride: party_.getChannel() });
  return { address, body, party: party_, clock, close: () => party_.close() };
}

function deadline(ms = CALL_MS) {
  return new Date(Date.now() + ms);
}

/** Calls a unary method with a deadline; resolves with the response, rejects with the grpc error. */
function unary(client, method, request, ms = CALL_MS) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: deadline(ms) }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** The name of a grpc status code (e.g. FAILED_PRECONDITION). */
function codeName(code) {
  return Object.keys(grpc.status).find((k) => grpc.status[k] === code) || String(code);
}

module.exports = { connect, unary, deadline, codeName, grpc };
