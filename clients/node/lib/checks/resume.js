'use strict';
// A subscription resumed from its cursor after a reconnect: read a few notices, keep the cursor, cancel, subscribe
// again after it; every notice KZ sent arrives exactly once across both connections, cursors only grow.
const { check } = require('../fail');
const { subscribe, acknowledge } = require('../stream');

const FIRST_SESSION = 5;

async function resumeFromCursor(ctx, expectedIds) {
  const expected = new Set(expectedIds);
  check(expected.size > FIRST_SESSION, `only ${expected.size} notices to read; the reconnect would test nothing`);
  const seen = new Map();
  const take = (session, delivery, last) => {
    const cursor = BigInt(delivery.cursor);
    // A redelivery (of a notice not acknowledged in time) carries its old cursor; everything else moves forward.
    check(delivery.redelivery || cursor > last, `session ${session}: cursor ${cursor} after ${last} (not increasing: a duplicate or a replay)`);
    const id = delivery.envelope.id;
    if (expected.has(id)) {
      check(!seen.has(id), `${id} delivered twice (session ${seen.get(id)} and ${session}, redelivery=${delivery.redelivery})`);
      seen.set(id, session);
    }
    return cursor > last ? cursor : last;
  };

  let cursor = 0n;
  let ours = 0;
  await subscribe(ctx.tm, { afterCursor: '0' }, async (delivery) => {
    cursor = take(1, delivery, cursor);
    if (expected.has(delivery.envelope.id)) {
      await acknowledge(ctx.tm, delivery.envelope.id);
      ours++;
    }
    return ours >= FIRST_SESSION;
  }, 30_000, 'first subscription');
  const kept = cursor;

  let second = 0;
  await subscribe(ctx.tm, { afterCursor: kept.toString() }, async (delivery) => {
    cursor = take(2, delivery, cursor);
    if (expected.has(delivery.envelope.id)) {
      await acknowledge(ctx.tm, delivery.envelope.id);
      second++;
    }
    return seen.size === expected.size;
  }, 30_000, `resumed subscription after cursor ${kept} (${seen.size} of ${expected.size} notices seen)`);

  const missing = [...expected].filter((id) => !seen.has(id));
  check(missing.length === 0, `gap: never delivered ${missing.join(', ')}`);
  check(second === expected.size - FIRST_SESSION, `the resumed subscription delivered ${second} of the ${expected.size - FIRST_SESSION} unread notices`);
  return `${FIRST_SESSION} read, reconnected after cursor ${kept}, ${second} more; ${expected.size} notices, no gap, no duplicate`;
}

module.exports = { resumeFromCursor };
