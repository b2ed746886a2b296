"use strict";
(() => {
  const state = { lang: localStorage.getItem("cg-lang") || "en", party: "KZ", before: null, stack: [], summary: null, rows: [], detailId: null, lastEvent: null };
  const $ = (s) => document.querySelector(s);
  const t = (k) => (I18N[state.lang] && I18N[state.lang][k]) || I18N.en[k] || k;
  const stageName = (s) => (I18N[state.lang].stages[s]) || s;
  const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const level = (n) => n ? `${LEVELS[state.party][n]} (${LEVELS.ru[n]})` : "—";
  const fmt = (iso) => iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + "Z" : "—";
  const age = (iso) => {
    const now = state.summary ? new Date(state.summary.now) : new Date();
    let s = Math.max(0, (now - new Date(iso)) / 1000); const a = I18N[state.lang].ago;
    if (s < 90) return `${Math.round(s)} ${a.s}`; s /= 60; if (s < 90) return `${Math.round(s)} ${a.m}`; s /= 60; if (s < 48) return `${Math.round(s)} ${a.h}`; return `${Math.round(s / 24)} ${a.d}`;
  };
  const get = async (url) => { const r = await fetch(url, { cache: "no-store" }); if (!r.ok) throw new Error(`${r.status} ${url}`); return r.json(); };

  function translate() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    const stage = $("#stage-filter"); const chosen = stage.value;
    stage.innerHTML = `<option value="">${esc(t("any"))}</option>` + Object.keys(I18N.en.stages).map((s) => `<option value="${s}">${esc(stageName(s))}</option>`).join("");
    stage.value = chosen;
    $("#lang").value = state.lang;
    renderBanner(); renderRows(); renderObligations();
  }

  function renderBanner() {
    const s = state.summary; if (!s) return;
    const text = t(s.agreement === "InForce" ? "IN_FORCE" : s.agreement === "NotInForce" ? "NOT_IN_FORCE" : s.agreement === "TerminationPending" ? "TERMINATION_PENDING" : "TERMINATED").replace("{date}", s.lastDayInForce || s.terminatesOn || "").replace("{reading}", s.terminationReading ? t("READING_" + s.terminationReading) : "");
    const b = $("#banner");
    b.className = "banner " + ({ NotInForce: "notinforce", TerminationPending: "pending", Terminated: "terminated" }[s.agreement] || "");
    b.dataset.agreement = s.agreement;
    b.textContent = `${t("agreement")}: ${text} · ${s.openObligations} ${t("openObligations")} · ${s.overdueObligations} ${t("overdueObligations")}`;
  }

  function renderRows() {
    $("#messages tbody").innerHTML = state.rows.map((m) => {
      const marks = (m.overdue ? `<span class="mark overdue">${esc(t("overdue"))}</span>` : "")
        + (m.refusal ? `<span class="mark refused" title="${esc(m.refusal.article + ": " + m.refusal.message)}">${esc(t("refused"))} ${esc(m.refusal.article)}</span>` : "")
        + (m.flags.length ? `<span class="mark flag" title="${esc(m.flags.join("\n"))}">${esc(t("flagged"))}</span>` : "");
      const cls = (m.overdue ? "overdue " : "") + (m.refusal ? "refused" : "");
      return `<tr class="${cls}" data-id="${esc(m.id)}" data-stage="${m.stage}" data-overdue="${m.overdue}">`
        + `<td title="${esc(m.id)}">${esc(m.kind)}</td><td>${esc(t(m.direction))}</td>`
        + `<td>${esc(m.senderParty)} ${esc(m.senderBody)}</td><td>${esc(m.receiverParty)} ${esc(m.receiverBody)}</td>`
        + `<td>${esc(level(m.level))}</td><td><span class="stage">${esc(stageName(m.stage))}</span>${marks}</td>`
        + `<td>${esc(age(m.acceptedAt))}</td><td>${esc(fmt(m.nextDueAt))}</td></tr>`;
    }).join("");
  }

  function renderObligations() {
    $("#obligations").innerHTML = (state.obligations || []).map((o) => `<li class="${o.overdueSince ? "overdue" : ""}" data-rule="${esc(o.ruleId)}" data-overdue="${!!o.overdueSince}">`
      + `${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}<b>${esc(o.article)}</b> <span title="${esc(o.description)}">${esc(state.lang === "en" ? o.description : (I18N[state.lang].owed[o.ruleId] || o.description))}</span>`
      + `<br>${esc(t("owedBy"))} ${esc(o.debtorParty)} ${esc(o.debtorBody)} · ${esc(t("due"))} ${esc(fmt(o.dueAt))}`
      + `${o.policy ? ` <span class="policy">(${esc(t("policy"))})</span>` : ""} · <a href="#" data-open="${esc(o.messageId)}">${esc(o.messageId)}</a></li>`).join("") || `<li>${esc(t("none"))}</li>`;
  }

  function query() {
    const f = new FormData($("#filters")); const p = new URLSearchParams();
    for (const [k, v] of f.entries()) if (v) p.set(k, v);
    if (state.before) p.set("before", state.before);
    return p.toString();
  }

  async function refresh() {
    const [summary, list, obligations] = await Promise.all([get("/api/summary"), get("/api/messages?" + query()), get("/api/obligations?open=true")]);
    state.summary = summary; state.party = summary.localParty; state.rows = list.items; state.next = list.next;
    renderBanner(); renderRows();
    state.obligations = obligations;
    renderObligations();
    if (state.detailId) await showDetail(state.detailId, false);
  }

  let pending = null;
  const soon = () => { clearTimeout(pending); pending = setTimeout(() => refresh().catch(() => {}), 250); };

  function listen() {
    const source = new EventSource("/api/events");
    source.onopen = () => { $("#live").className = "live on"; $("#live").dataset.i18n = "live"; $("#live").textContent = t("live"); };
    source.onmessage = (e) => { state.lastEvent = JSON.parse(e.data); soon(); };
    source.onerror = () => { $("#live").className = "live"; $("#live").dataset.i18n = "offline"; $("#live").textContent = t("offline"); };
  }

  async function showDetail(id, push = true) {
    const d = await get("/api/messages/" + encodeURIComponent(id));
    state.detailId = id; if (push) history.pushState({ id }, "", "#" + encodeURIComponent(id));
    const m = d.message;
    const verdicts = [m.refusal ? `<li><b>${esc(m.refusal.ruleId)}</b> (${esc(m.refusal.article)}): ${esc(m.refusal.message)}</li>` : ""].concat(m.flags.map((f) => `<li>${esc(f)}</li>`)).join("");
    const link = (x) => `<a href="#" data-open="${esc(x)}">${esc(x)}</a>`;
    $("#detail").innerHTML = `<h2>${esc(m.kind)} <code>${esc(m.id)}</code> — <span class="stage" data-testid="detail-stage">${esc(stageName(m.stage))}</span></h2>`
      + `<p><a href="/api/messages/${encodeURIComponent(m.id)}/evidence" download="${esc(m.id)}.evidence" data-testid="evidence">${esc(t("evidence"))}</a></p>`
      + `<dl><dt>${esc(t("colSender"))}</dt><dd>${esc(m.senderParty)} ${esc(m.senderBody)}</dd><dt>${esc(t("colReceiver"))}</dt><dd>${esc(m.receiverParty)} ${esc(m.receiverBody)}</dd>`
      + `<dt>${esc(t("colLevel"))}</dt><dd>${esc(level(m.level))}</dd>`
      + (m.inReplyTo ? `<dt>${esc(t("inReplyTo"))}</dt><dd>${link(m.inReplyTo)}</dd>` : "")
      + `<dt>${esc(t("answeredBy"))}</dt><dd>${d.answeredBy.map(link).join(", ") || esc(t("none"))}</dd>`
      + `<dt>${esc(t("related"))}</dt><dd>${d.related.map(link).join(", ") || esc(t("none"))}</dd></dl>`
      + `<h3>${esc(t("timeline"))}</h3><ol class="timeline">` + d.timeline.map((e) => `<li class="${e.event === "STAGE" ? e.stage : e.event}">${esc(fmt(e.at))} · <b>${esc(e.event === "STAGE" ? stageName(e.stage) : I18N[state.lang].events[e.event])}</b> ${esc(e.refusal ? `${e.refusal.ruleId} (${e.refusal.article}): ${e.refusal.message}` : e.detail)}</li>`).join("") + `</ol>`
      + `<h3>${esc(t("receipt"))}</h3><p>${d.receipt ? `${esc(d.receipt.status)} · ${esc(fmt(d.receipt.storedAt))} · ${esc(t("digest"))} <code>${esc(d.receipt.digest.slice(0, 16))}…</code> · ${esc(t(d.receipt.hasSignature ? "signed" : "unsigned"))}` : esc(t("noReceipt"))}</p>`
      + `<h3>${esc(t("verdicts"))}</h3><ul>${verdicts || `<li>${esc(t("noVerdicts"))}</li>`}</ul>`
      + `<h3>${esc(t("obligations"))}</h3><ul>${d.obligations.map((o) => `<li>${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}${esc(o.article)} ${esc(o.description)} · ${esc(t("due"))} ${esc(fmt(o.dueAt))}${o.closedBy ? " · ✓ " + link(o.closedBy) : ""}</li>`).join("") || `<li>${esc(t("none"))}</li>`}</ul>`;
    $("#list-view").hidden = true; $("#detail-view").hidden = false;
  }

  function showList() { state.detailId = null; $("#detail-view").hidden = true; $("#list-view").hidden = false; }

  document.addEventListener("click", (e) => {
    const open = e.target.closest("[data-open]"); if (open) { e.preventDefault(); showDetail(open.dataset.open); return; }
    const row = e.target.closest("tr[data-id]"); if (row) showDetail(row.dataset.id);
  });
  window.addEventListener("popstate", () => { if (location.hash.length > 1) showDetail(decodeURIComponent(location.hash.slice(1)), false); else showList(); });
  $("#back").addEventListener("click", () => { history.pushState({}, "", "#"); showList(); });
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); state.before = null; state.stack = []; refresh(); });
  $("#filters").addEventListener("reset", () => setTimeout(() => { state.before = null; refresh(); }, 0));
  $("#older").addEventListener("click", () => { if (state.next) { state.stack.push(state.before); state.before = state.next; refresh(); } });
  $("#newest").addEventListener("click", () => { state.before = null; state.stack = []; refresh(); });
  $("#lang").addEventListener("change", (e) => { state.lang = e.target.value; localStorage.setItem("cg-lang", state.lang); translate(); if (state.detailId) showDetail(state.detailId, false); });
  $("#kinds").innerHTML = ["ClearanceConfirmationRequest", "ClearanceConfirmation", "TransferNotice", "ReceiptConfirmation", "TransportArrangement", "ClassificationChange", "CopyRequest", "CopyPermission", "CopyNotice", "DestructionRequest", "DestructionAgreement", "DestructionNotice", "ThirdPartyDisclosureRequest", "ThirdPartyDisclosureConsent", "ThirdPartyDisclosureNotice", "JointCreationNotice", "JointCreationConfirmation", "JointClassificationChangeAgreement", "VisitRequest", "VisitDecision", "BreachNotification", "InvestigationResult", "ConsultationRequest", "RegulationsExchange", "DomesticProceduresCompleted", "TerminationNotice", "CompetentBodyChange", "ContractRegistration"].map((k) => `<option value="${k}">`).join("");

  translate();
  refresh().then(() => { if (location.hash.length > 1) showDetail(decodeURIComponent(location.hash.slice(1)), false); }).catch(() => {});
  listen();
  setInterval(() => refresh().catch(() => {}), 30000);
})();
