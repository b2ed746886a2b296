'use strict';
// One message followed to ACKNOWLEDGED: submitted at KZ, taken off TM's stream by its receiver, acknowledged there,
// and KZ's record polled until it stands at ACKNOWLEDGED.
const { unary } = require('../connect');
const { check, eventually } = require('../fail');
const { envelope, KZ_CB, TM_CB } = require('../notices');
const { subscribe, acknowledge } = require('../stream');

async function followToAcknowledged(ctx) {
  const id = ctx.id('follow');
  const submitted = await unary(ctx.kz.party, 'submit', { envelope: envelope(id, 'KZ', 'consultationRequest', KZ_CB, TM_CB, ctx.now) });
  check(submitted.stage === 'STAGE_ACCEPTED', `${id}: Submit answered ${submitted.stage}`);

  let acknowledged;
  await subscribe(ctx.tm, { afterCursor: '0', receiverBody: TM_CB }, async (delivery) => {
    if (delivery.envelope.id !== id) {
      return false;
    }
    check(delivery.envelope.receiverBody === TM_CB, `${id} delivered to a subscription for ${TM_CB} names ${delivery.envelope.receiverBody}`);
    acknowledged = await acknowledge(ctx.tm, id, TM_CB);
    return true;
  }, 30_000, `${id} on TM's stream`);
  check(acknowledged.stage === 'STAGE_ACKNOWLEDGED', `Acknowledge of ${id} answered ${acknowledged.stage}`);

  const record = await eventually(async () => {
    const m = (await unary(ctx.kz.party, 'getMessage', { messageId: id })).message;
    return m.stage === 'STAGE_ACKNOWLEDGED' ? m : undefined;
  }, 30_000, `${id} did not reach ACKNOWLEDGED at KZ`);
  const stages = record.history.filter((h) => h.eventKind === 'EVENT_KIND_STAGE').map((h) => h.stage.replace('STAGE_', ''));
  for (const expected of ['ACCEPTED', 'RELAYED', 'DELIVERED', 'ACKNOWLEDGED']) {
    check(stages.includes(expected), `${id}: KZ's history lacks ${expected} (${stages.join(' > ')})`);
  }
  return `${id} at KZ: ${stages.join(' > ')}`;
}

module.exports = { followToAcknowledged };
