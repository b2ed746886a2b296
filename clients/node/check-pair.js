#!/usr/bin/env node
'use strict';
// Checks a running KZ/TM node pair from outside, as a Party's own system written in another language would, using
// nothing but protos/: every notice kind accepted, refusals decoded (ErrorInfo, BadRequest), a SubmitStream answered item by
// item, one message followed to
// ACKNOWLEDGED, a subscription resumed from its cursor. One line per check; exit 0 when all pass, 1 on the first
// failure (with the reason), 2 on a usage mistake. See README.md.
const { loadServices, loadMessages, noticeKinds } = require('./lib/contracts');
const { connect, unary } = require('./lib/connect');
const { CheckFailed } = require('./lib/fail');
const { ruleRefusal, invalidInput } = require('./lib/checks/refusals');
const { everyKind } = require('./lib/checks/every-kind');
const { followToAcknowledged } = require('./lib/checks/acknowledged');
const { streamedSubmit } = require('./lib/checks/submit-stream');
const { resumeFromCursor } = require('./lib/checks/resume');
const { KZ_CB, TM_CB } = require('./lib/notices');

const USAGE = 'usage: node clients/node/check-pair.js --kz HOST:PORT --tm HOST:PORT --pki DIR [--timeout-seconds N]\n'
  + '  --kz, --tm  each node\'s party-systems listener (env CG_KZ, CG_TM)\n'
  + '  --pki       the development PKI folder holding kz/ and tm/ (env CG_PKI)\n'
  + '  --timeout-seconds  bound on the whole run (default 180)';

function options(argv) {
  const o = { kz: process.env.CG_KZ, tm: process.env.CG_TM, pki: process.env.CG_PKI, timeoutSeconds: '180' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = { '--kz': 'kz', '--tm': 'tm', '--pki': 'pki', '--timeout-seconds': 'timeoutSeconds' }[argv[i]];
    if (!key || i + 1 >= argv.length) {
      throw new Error(argv[i] === '--help' ? '' : `unknown option or missing value: ${argv[i]}`);
    }
    o[key] = argv[i + 1];
  }
  for (const key of ['kz', 'tm', 'pki']) {
    if (!o[key]) {
      throw new Error(`--${key} is required`);
    }
  }
  if (!/^\d+$/.test(o.timeoutSeconds) || Number(o.timeoutSeconds) < 1) {
    throw new Error(`--timeout-seconds must be a positive number of seconds, not '${o.timeoutSeconds}'`);
  }
  return o;
}

/** The node's own clock (development clock control), so created_at agrees with a node whose clock was moved. */
async function nodeNow(node) {
  try {
    const { now } = await unary(node.clock, 'getTime', {});
    return new Date(Number(now.seconds) * 1000 + Math.floor(now.nanos / 1e6));
  } catch {
    return new Date();
  }
}

async function main() {
  let o;
  try {
    o = options(process.argv.slice(2));
  } catch (e) {
    if (e.message) {
      console.error(e.message);
    }
    console.error(USAGE);
    return e.message ? 2 : 0;
  }

  const timer = setTimeout(() => {
    console.error(`FAIL: the checks did not finish within ${o.timeoutSeconds} s`);
    process.exit(1);
  }, Number(o.timeoutSeconds) * 1000);

  const services = loadServices();
  const root = loadMessages();
  const kinds = noticeKinds(root);
  const kz = { ...connect(services, o.kz, o.pki, 'kz', KZ_CB), code: 'KZ' };
  const tm = { ...connect(services, o.tm, o.pki, 'tm', TM_CB), code: 'TM' };
  const run = `n${Date.now().toString(36)}`;
  const ctx = { root, kinds, kz, tm, now: await nodeNow(kz), id: (suffix) => `${run}-${suffix}` };
  const line = (text) => console.log(`ok ${text}`);
  let current = 'contracts';
  try {
    line(`contracts: ${kinds.length} notice kinds in Envelope.notice, google.rpc Status/ErrorInfo/BadRequest, all from protos/`);
    current = 'rule refusal';
    line(`rule refusal: ${await ruleRefusal(ctx)}`);
    current = 'invalid input';
    line(`invalid input: ${await invalidInput(ctx)}`);
    current = 'submit stream';
    line(`submit stream: ${await streamedSubmit(ctx)}`);
    current = 'acknowledged';
    line(`acknowledged: ${await followToAcknowledged(ctx)}`);
    current = 'every kind';
    const sent = await everyKind(ctx, line);
    line(`every kind: ${kinds.length} of ${kinds.length} kinds accepted (${sent.length} notices from KZ)`);
    current = 'resume';
    line(`resume: ${await resumeFromCursor(ctx, sent)}`);
    return 0;
  } catch (e) {
    const reason = e instanceof CheckFailed ? e.message : `${e.message}${e.code !== undefined ? ` (grpc code ${e.code})` : ''}`;
    console.error(`FAIL ${current}: ${reason}`);
    return 1;
  } finally {
    clearTimeout(timer);
    kz.close();
    tm.close();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`FAIL: ${e.message}`);
  process.exit(1);
});
