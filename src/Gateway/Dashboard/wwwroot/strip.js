"use strict";
// The link status strip on every page, fed live by /api/link/events, and the waiting lines on the rows and the message page.
(() => {
  let link = null; let rows = []; let detail = null;
  const strip = document.getElementById("link-strip");

  function render() {
    if (!link) return;
    const t = CG.text; const esc = CG.esc;
    const reach = link.reachable === true ? "up" : link.reachable === false ? "down" : "unknown";
    strip.dataset.reachable = reach; strip.dataset.circuit = link.circuit; strip.className = "strip " + reach;
    const state = t(reach === "up" ? "linkUp" : reach === "down" ? "linkDown" : "linkUnknown", { peer: link.peerParty, time: CG.time(link.since) });
    const parts = [
      `<span id="link-state" data-testid="link-state" title="${esc(link.cause || "")}">${esc(state)}</span>`,
      `<span id="link-circuit" data-testid="link-circuit">${esc(t("circuit", { state: CG.pick("circuitStates", link.circuit) }))}</span>`,
      `<span id="link-outbox" data-testid="link-outbox" data-depth="${link.outboxDepth}">${esc(t("outbox", { n: link.outboxDepth }))}`
        + (link.oldestWaitingSince ? ` · ${esc(t("oldestWaiting", { age: CG.age(link.oldestWaitingSince, link.now) }))}` : "") + `</span>`,
      `<span id="link-undelivered" data-testid="link-undelivered">${esc(t("undelivered", { n: link.undelivered }))}</span>`,
      `<span id="link-unacked" data-testid="link-unacked">${esc(t("unacknowledged", { n: link.unacknowledged }))}</span>`,
      `<span id="link-certs" data-testid="link-certs" class="${link.certificateDaysLeft < 30 ? "warn" : ""}">${esc(t("certExpiry", { days: Math.floor(link.certificateDaysLeft), name: link.certificateName }))}</span>`,
    ];
    // Replicas on PostgreSQL: one relays (the lease); the others say so, as their relay counts are another replica's work.
    if (link.relayLeaseHeld === false) parts.push(`<span id="link-standby" data-testid="link-standby">${esc(t("relayStandby"))}</span>`);
    strip.innerHTML = parts.join("");
    decorateRows(); decorateDetail();
  }

  // What a message waits for: the other node (not yet relayed), or its acknowledgement.
  function waiting(m) {
    if (m.direction === "outbound" && m.stage === "ACCEPTED") return { key: "waitingPeer", since: m.acceptedAt };
    if (m.stage === "RELAYED" || m.stage === "DELIVERED") return { key: "notAcked", since: m.stageAt };
    return null;
  }

  function mark(m) {
    const w = waiting(m); if (!w) return "";
    const down = link && link.reachable === false && w.key === "waitingPeer";
    return `<span class="mark waiting${down ? " down" : ""}" data-testid="waiting" data-waiting="${w.key}">${CG.esc(CG.text(w.key, { time: CG.time(w.since) }))}</span>`;
  }

  function decorateRows() {
    for (const m of rows) {
      const row = document.querySelector(`tr[data-id="${CSS.escape(m.id)}"]`); if (!row) continue;
      row.querySelectorAll(".mark.waiting").forEach((e) => e.remove());
      const w = waiting(m);
      if (w && w.key === "waitingPeer") row.querySelector(".stage")?.insertAdjacentHTML("afterend", mark(m));
    }
  }

  function decorateDetail() {
    const box = document.getElementById("detail"); if (!box || !detail) return;
    box.querySelectorAll(".waiting-line").forEach((e) => e.remove());
    const html = mark(detail); if (!html) return;
    box.querySelector("h2")?.insertAdjacentHTML("afterend", `<p class="waiting-line">${html}</p>`);
  }

  document.addEventListener("cg:rows", (e) => { rows = e.detail || []; decorateRows(); });
  document.addEventListener("cg:detail", (e) => { detail = e.detail; decorateDetail(); });
  document.getElementById("lang")?.addEventListener("change", () => setTimeout(render, 0));

  function listen() {
    const source = new EventSource("/api/link/events");
    source.addEventListener("link", (e) => { link = JSON.parse(e.data); render(); });
    source.onerror = () => { strip.dataset.feed = "lost"; };
    source.onopen = () => { strip.dataset.feed = "live"; };
  }
  listen();
})();
