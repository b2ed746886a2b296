'use strict';
// SubmitStream: many notices on one call, one outcome per item in the order sent; a refused item carries the
// google.rpc.Status a unary Submit would have failed with, decoded with the same protos, and the stream goes on.
const { deadline, grpc } = require('../connect');
const { check } = require('../fail');
const { envelope, KZ_CB, TM_CB } = require('../notices');
const { decodeStatus, detailOf } = require('../status');

const COUNT = 50;
const STREAM_MS = 30_000;

/** Writes every item, half-closes, and resolves with the outcomes once the node ends the stream. */
function submitStream(node, items) {
  return new Promise((resolve, reject) => {
    const call = node.party.submitStream({ deadline: deadline(STREAM_MS) });
    const outcomes = [];
    call.on('data', (outcome) => outcomes.push(outcome));
    call.on('error', reject);
    call.on('end', () => resolve(outcomes));
    for (const item of items) {
      call.write(item);
    }
    call.end();
  });
}

async function streamedSubmit(ctx) {
  const ids = Array.from({ length: COUNT }, (_, i) => ctx.id(`stream-${i}`));
  const items = ids.map((id) => ({ envelope: envelope(id, 'KZ', 'consultationRequest', KZ_CB, TM_CB, ctx.now) }));
  items.push({});
  items.push(items[0]);

  const outcomes = await submitStream(ctx.kz, items);
  check(outcomes.length === items.length, `SubmitStream answered ${outcomes.length} of ${items.length} items`);
  outcomes.forEach((o, i) => check(Number(o.item) === i + 1, `outcome ${i} answers item ${o.item}, not ${i + 1}`));
  for (let i = 0; i < COUNT; i++) {
    const o = outcomes[i];
    check(o.outcome === 'accepted' && o.accepted.stage === 'STAGE_ACCEPTED' && !o.accepted.duplicate && o.messageId === ids[i],
      `item ${i + 1} (${ids[i]}): ${o.outcome} ${o.accepted ? o.accepted.stage : ''}`);
  }
  const refused = outcomes[COUNT];
  check(refused.outcome === 'refused' && refused.refused.code === grpc.status.INVALID_ARGUMENT,
    `an item without an envelope answered ${refused.outcome} ${refused.refused ? refused.refused.code : ''}`);
  const bad = detailOf(decodeStatus(ctx.root, refused.refused), 'google.rpc.BadRequest');
  const fields = bad ? bad.fieldViolations.map((v) => v.field) : [];
  check(fields.includes('envelope'), `the refused item's BadRequest names ${fields.join(',') || 'nothing'}, not envelope`);
  const again = outcomes[COUNT + 1];
  check(again.outcome === 'accepted' && again.accepted.duplicate, `the first envelope sent again answered ${again.outcome}, not a duplicate`);
  return `${COUNT} accepted in order, item ${COUNT + 1} INVALID_ARGUMENT (BadRequest fields=${fields.join(',')}), item ${COUNT + 2} a duplicate`;
}

module.exports = { streamedSubmit };
