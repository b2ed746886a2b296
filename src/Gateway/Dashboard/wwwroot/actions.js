"use strict";
// Who is looking (header), and the operators' actions: retry the relay now; record that an obligation was settled outside the
// gateway, closed only when a second operator approves. Observers see the state, never the buttons.
(() => {
  let me = null; let waiting = [];
  const esc = (v) => CG.esc(v); const t = (k, p) => CG.text(k, p);

  async function post(url, body) {
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf }, body: JSON.stringify(body || {}) });
    let code = r.status === 403 ? "FORBIDDEN" : "NOT_FOUND";
    try { code = (await r.json()).code || code; } catch { /* not JSON: keep the status's code */ }
    return { ok: r.ok, code };
  }

  function say(code, ok) {
    const box = document.getElementById("action-result");
    box.hidden = false; box.dataset.code = code; box.className = ok ? "action-result ok" : "action-result bad";
    box.textContent = CG.pick("codes", code);
  }

  // One dialog for every action that needs a note: resolves with the note, or null when cancelled.
  function ask(title) {
    const dialog = document.getElementById("action-dialog");
    dialog.querySelector("h3").textContent = title;
    dialog.querySelector("label span").textContent = t("note");
    dialog.querySelector("[value=ok]").textContent = t("confirm");
    dialog.querySelector("[value=cancel]").textContent = t("cancel");
    const note = dialog.querySelector("textarea"); note.value = "";
    dialog.showModal();
    return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" ? note.value : null), { once: true }));
  }

  function dialogLabels() {
    const dialog = document.getElementById("action-dialog");
    dialog.querySelector("label span").textContent = t("note");
    dialog.querySelector("[value=ok]").textContent = t("confirm");
    dialog.querySelector("[value=cancel]").textContent = t("cancel");
    document.getElementById("retry-relay").textContent = t("retryRelay");
  }

  function renderHeader() {
    dialogLabels();
    if (!me) return;
    const who = document.getElementById("whoami");
    who.dataset.role = me.role; who.dataset.body = me.body; who.dataset.node = me.node;
    who.textContent = t("whoami", { node: me.node, role: CG.pick("roles", me.role), body: me.body });
    who.title = me.identity;
    document.title = `ClassifiedGateway ${me.node}`;
    const retry = document.getElementById("retry-relay");
    retry.hidden = !me.mayAct; retry.textContent = t("retryRelay");
  }

  function renderObligations() {
    document.querySelectorAll("#obligations li[data-obligation]").forEach((li) => {
      li.querySelectorAll(".settle").forEach((e) => e.remove());
      const id = Number(li.dataset.obligation);
      const s = waiting.find((x) => x.obligationId === id);
      let html = "";
      if (s) {
        html += `<div class="settle pending" data-settlement="${s.id}" data-testid="settlement-waiting">${esc(t("waitingApproval", { by: s.proposedBy, note: s.note }))}`;
        if (me && me.mayAct) {
          html += s.proposedBy === me.identity
            ? ` <em class="own">${esc(t("ownProposal"))}</em>`
            : ` <button type="button" class="approve" data-approve="${s.id}">${esc(t("approve"))}</button>`;
        }
        html += `</div>`;
      } else if (me && me.mayAct) {
        html += `<div class="settle"><button type="button" class="propose" data-propose="${id}">${esc(t("proposeSettlement"))}</button></div>`;
      }
      li.insertAdjacentHTML("beforeend", html);
    });
  }

  async function loadWaiting() {
    const r = await fetch("/api/settlements?waiting=true", { cache: "no-store" });
    if (r.ok) { waiting = await r.json(); renderObligations(); }
  }

  document.addEventListener("click", async (e) => {
    const target = e.target.closest("[data-propose],[data-approve],#retry-relay"); if (!target || !me) return;
    e.preventDefault(); e.stopPropagation();
    if (target.id === "retry-relay") {
      const note = await ask(t("retryTitle")); if (note === null) return;
      const r = await post("/api/actions/retry-relay", { note }); say(r.code, r.ok);
    } else if (target.dataset.propose) {
      const note = await ask(t("proposeTitle")); if (note === null) return;
      const r = await post(`/api/obligations/${encodeURIComponent(target.dataset.propose)}/settlements`, { note }); say(r.code, r.ok);
      await loadWaiting();
    } else if (target.dataset.approve) {
      const r = await post(`/api/settlements/${encodeURIComponent(target.dataset.approve)}/approve`); say(r.code, r.ok);
      document.dispatchEvent(new CustomEvent("cg:refresh"));
      await loadWaiting();
    }
  }, true);
  document.addEventListener("cg:obligations", () => { renderObligations(); loadWaiting().catch(() => {}); });
  document.getElementById("lang")?.addEventListener("change", () => setTimeout(() => { renderHeader(); renderObligations(); }, 0));

  dialogLabels();
  fetch("/api/me", { cache: "no-store" }).then((r) => r.json()).then((m) => { me = m; renderHeader(); renderObligations(); loadWaiting().catch(() => {}); });
})();
