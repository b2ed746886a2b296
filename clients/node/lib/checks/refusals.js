'use strict';
// A refusal by rule (FAILED_PRECONDITION + google.rpc.ErrorInfo) and one for invalid input (INVALID_ARGUMENT +
// google.rpc.BadRequest), both decoded from grpc-status-details-bin with the google/rpc protos in protos/.
const { unary, codeName, grpc } = require('../connect');
const { check } = require('../fail');
const { decodeDetails, detailOf } = require('../status');
const { envelope, KZ_AB } = require('../notices');

async function refusedWith(ctx, request, expectedCode) {
  try {
    await unary(ctx.kz.party, 'submit', request);
  } catch (e) {
    check(e.code === expectedCode, `expected ${codeName(expectedCode)}, got ${codeName(e.code)}: ${e.details}`);
    const decoded = decodeDetails(ctx.root, e);
    check(decoded !== null, `${codeName(e.code)} without grpc-status-details-bin`);
    check(decoded.code === expectedCode, `google.rpc.Status.code ${decoded.code} is not the call's status ${e.code}`);
    return decoded;
  }
  throw new Error(`${request.envelope ? request.envelope.id : 'the request'} was accepted; expected ${codeName(expectedCode)}`);
}

/** A transfer to an authorized body whose clearance no one confirmed (Art. 5.1). */
async function ruleRefusal(ctx) {
  const e = envelope(ctx.id('refused-transfer'), 'KZ', 'transferNotice', KZ_AB, 'tm-ab-2', ctx.now);
  const decoded = await refusedWith(ctx, { envelope: e }, grpc.status.FAILED_PRECONDITION);
  const info = detailOf(decoded, 'google.rpc.ErrorInfo');
  check(info !== null, `FAILED_PRECONDITION without google.rpc.ErrorInfo (details: ${decoded.details.map((d) => d.type).join(', ')})`);
  check(info.reason === 'TRANSFER_NEEDS_CLEARANCE', `ErrorInfo.reason is '${info.reason}', expected TRANSFER_NEEDS_CLEARANCE`);
  const article = info.metadata && info.metadata.article;
  check(typeof article === 'string' && /^Art\. \d/.test(article), `ErrorInfo.metadata.article is '${article}', expected an article`);
  return `FAILED_PRECONDITION, ErrorInfo reason=${info.reason} article=${article} domain=${info.domain}`;
}

/** A transfer notice without carriers and without the envelope's level. */
async function invalidInput(ctx) {
  const e = envelope(ctx.id('invalid-transfer'), 'KZ', 'transferNotice', KZ_AB, 'tm-ab-1', ctx.now);
  e.transferNotice.carriers = [];
  delete e.level;
  const decoded = await refusedWith(ctx, { envelope: e }, grpc.status.INVALID_ARGUMENT);
  const bad = detailOf(decoded, 'google.rpc.BadRequest');
  check(bad !== null, `INVALID_ARGUMENT without google.rpc.BadRequest (details: ${decoded.details.map((d) => d.type).join(', ')})`);
  const fields = bad.fieldViolations.map((v) => v.field);
  for (const expected of ['envelope.level', 'transfer_notice.carriers']) {
    check(fields.includes(expected), `BadRequest does not name ${expected} (it names: ${fields.join(', ')})`);
  }
  check(bad.fieldViolations.every((v) => v.description.length > 0), 'a BadRequest field violation has no description');
  return `INVALID_ARGUMENT, BadRequest fields=${fields.join(',')}`;
}

module.exports = { ruleRefusal, invalidInput };
