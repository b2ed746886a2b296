"use strict";
// The audit trail, newest first, with the verifier's verdict (hash chain and the node's signed checkpoints).
(() => {
  const esc = (v) => CG.esc(v); const t = (k, p) => CG.text(k, p);
  const view = document.getElementById("audit-view");
  let data = null; let before = null; const stack = [];

  function render() {
    if (!data) return;
    const v = data.verdict; const box = document.getElementById("audit-verdict");
    box.dataset.intact = String(v.intact); box.className = "audit-verdict " + (v.intact ? "ok" : "bad");
    box.textContent = v.intact
      ? t("auditIntact", { entries: v.entries, checkpoints: v.checkpoints, time: CG.time(v.at) })
      : t("auditBroken", { seq: v.firstBroken ?? "?", message: v.message, time: CG.time(v.at) });
    document.querySelector("#audit thead").innerHTML = `<tr><th>${esc(t("colSeq"))}</th><th>${esc(t("colAt"))}</th><th>${esc(t("colWhat"))}</th>`
      + `<th>${esc(t("colWho"))}</th><th>${esc(t("colMessage"))}</th><th>${esc(t("colDetail"))}</th></tr>`;
    document.querySelector("#audit tbody").innerHTML = data.items.map((e) => `<tr data-seq="${e.sequence}" data-kind="${esc(e.kind)}">`
      + `<td>${e.sequence}</td><td>${esc(CG.time(e.at))}</td><td>${esc(e.kind)}</td><td>${esc(e.actor)}</td><td>${esc(e.messageId)}</td>`
      + `<td class="detail">${esc(e.detail)}</td></tr>`).join("");
    labels();
  }

  // The view's fixed labels, in the viewer's language from the start (hidden or not).
  function labels() {
    document.getElementById("audit-open").textContent = t("auditTrail");
    document.getElementById("audit-verify").textContent = t("verifyNow");
    document.getElementById("audit-older").textContent = t("auditOlder");
    document.getElementById("audit-newest").textContent = t("auditNewest");
    document.getElementById("audit-back").textContent = t("back");
  }

  async function load(verify) {
    const p = new URLSearchParams(); if (before) p.set("before", before); if (verify) p.set("verify", "true");
    const r = await fetch("/api/audit?" + p, { cache: "no-store" }); if (!r.ok) return;
    data = await r.json(); render();
  }

  function open() {
    document.getElementById("list-view").hidden = true; document.getElementById("detail-view").hidden = true; view.hidden = false;
    before = null; stack.length = 0; load(false);
  }

  document.getElementById("audit-open").addEventListener("click", open);
  document.getElementById("audit-back").addEventListener("click", () => { view.hidden = true; document.getElementById("list-view").hidden = false; });
  document.getElementById("audit-verify").addEventListener("click", () => load(true));
  document.getElementById("audit-older").addEventListener("click", () => { if (data && data.next) { stack.push(before); before = data.next; load(false); } });
  document.getElementById("audit-newest").addEventListener("click", () => { before = null; stack.length = 0; load(false); });
  document.getElementById("lang")?.addEventListener("change", () => setTimeout(() => { labels(); render(); }, 0));
  labels();
})();
