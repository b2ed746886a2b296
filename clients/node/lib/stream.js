'use strict';
// Reads a Subscribe stream until `onDelivery` returns true, bounded in time and count, then cancels the call.
const { unary, deadline, grpc } = require('./connect');
const { CheckFailed } = require('./fail');

const MAX_DELIVERIES = 5_000;

function subscribe(node, request, onDelivery, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const call = node.party.subscribe(request, { deadline: deadline(timeoutMs) });
    let done = false;
    let count = 0;
    let chain = Promise.resolve();
    const finish = (error) => {
      if (done) {
        return;
      }
      done = true;
      call.cancel();
      if (error) {
        reject(error);
      } else {
        resolve(count);
      }
    };
    call.on('data', (delivery) => {
      // Deliveries are handled one after another (acknowledgements are awaited in order).
      chain = chain.then(async () => {
        if (done) {
          return;
        }
        count++;
        if (await onDelivery(delivery)) {
          finish();
        } else if (count >= MAX_DELIVERIES) {
          finish(new CheckFailed(`${what}: more than ${MAX_DELIVERIES} deliveries without the expected ones`));
        }
      }).catch(finish);
    });
    call.on('error', (e) => {
      if (!done) {
        finish(e.code === grpc.status.DEADLINE_EXCEEDED ? new CheckFailed(`${what}: not done within ${timeoutMs / 1000} s`) : e);
      }
    });
    call.on('end', () => finish(new CheckFailed(`${what}: the node ended the stream`)));
  });
}

function acknowledge(node, messageId, acknowledgingBody = '') {
  return unary(node.party, 'acknowledge', { messageId, acknowledgingBody });
}

module.exports = { subscribe, acknowledge };
