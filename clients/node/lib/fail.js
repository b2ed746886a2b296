'use strict';

/** A failed check: the message is printed as is and the client exits non-zero. */
class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

/** Polls `probe` (async, returns a value or undefined) every `intervalMs` until it returns something or `timeoutMs` passes. */
async function eventually(probe, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  for (let attempt = 0; attempt < 10_000 && Date.now() < end; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CheckFailed(`${what} within ${timeoutMs / 1000} s${last ? ` (last error: ${last.message})` : ''}`);
}

module.exports = { CheckFailed, check, eventually };
