'use strict';
// Every kind the Envelope's oneof declares, sent KZ → TM in an exchange the rules accept; each one accepted by the
// sending node and stored by the other before the next step.
const { unary, grpc } = require('../connect');
const { check, eventually } = require('../fail');
const { EXCHANGE, envelope, sample } = require('../notices');

/** Fails before anything is sent when protos/ declare a kind this client has no sample or no KZ step for. */
function coverage(kinds) {
  const missingSample = kinds.filter((k) => sample(k, new Date()) === undefined);
  check(missingSample.length === 0, `notice kinds in protos/ with no sample in lib/notices.js: ${missingSample.join(', ')}`);
  const sentByKz = new Set(EXCHANGE.filter((s) => s[0] === 'KZ').map((s) => s[2]));
  const unsent = kinds.filter((k) => !sentByKz.has(k));
  check(unsent.length === 0, `notice kinds in protos/ that the exchange never sends from KZ: ${unsent.join(', ')}`);
  const unknown = [...new Set(EXCHANGE.map((s) => s[2]))].filter((k) => !kinds.includes(k));
  check(unknown.length === 0, `the exchange sends kinds protos/ no longer declare: ${unknown.join(', ')}`);
}

async function stored(ctx, node, id) {
  return eventually(async () => {
    try {
      return (await unary(node.party, 'getMessage', { messageId: id })).message;
    } catch (e) {
      if (e.code === grpc.status.NOT_FOUND) {
        return undefined;
      }
      throw e;
    }
  }, 30_000, `${id} was not stored by ${node.code}`);
}

/** Runs the exchange; calls `line` once per kind KZ sends for the first time. Returns the ids KZ sent. */
async function everyKind(ctx, line) {
  coverage(ctx.kinds);
  const seen = new Set();
  const sentByKz = [];
  for (const [from, suffix, kind, sender, receiver, edit] of EXCHANGE) {
    const id = ctx.id(suffix);
    const e = envelope(id, from, kind, sender, receiver, ctx.now);
    if (edit) {
      edit(e, ctx.id);
    }
    const node = from === 'KZ' ? ctx.kz : ctx.tm;
    const other = from === 'KZ' ? ctx.tm : ctx.kz;
    let answer;
    try {
      answer = await unary(node.party, 'submit', { envelope: e });
    } catch (error) {
      throw new Error(`${kind} (${id}) from ${from} was refused: ${error.message}`);
    }
    check(answer.messageId === id, `${kind}: the answer names ${answer.messageId}, not ${id}`);
    check(answer.stage === 'STAGE_ACCEPTED' && !answer.duplicate, `${kind} (${id}): stage ${answer.stage}, duplicate ${answer.duplicate}`);
    const there = await stored(ctx, other, id);
    check(there.envelope.notice === kind, `${id} is stored by ${other.code} as '${there.envelope.notice}', not ${kind}`);
    if (from === 'KZ') {
      sentByKz.push(id);
      if (!seen.has(kind)) {
        seen.add(kind);
        line(`kind ${kind}: ${id} accepted by KZ, stored by TM`);
      }
    }
  }
  check(seen.size === ctx.kinds.length, `KZ sent ${seen.size} of ${ctx.kinds.length} kinds`);
  return sentByKz;
}

module.exports = { everyKind, stored };
