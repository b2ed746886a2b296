// The list view: banner, the table of messages, the obligations panel, and the filters' query.
import { state, $, t, L, esc } from "./core.js";
import { level, fmt, age, stageName } from "./format.js";

export function renderBanner() {
  const s = state.summary; if (!s) return;
  const text = t(s.agreement === "InForce" ? "IN_FORCE" : s.agreement === "NotInForce" ? "NOT_IN_FORCE" : s.agreement === "TerminationPending" ? "TERMINATION_PENDING" : "TERMINATED").replace("{date}", s.lastDayInForce || s.terminatesOn || "").replace("{reading}", s.terminationReading ? t("READING_" + s.terminationReading) : "");
  const b = $("#banner");
  b.className = "banner " + ({ NotInForce: "notinforce", TerminationPending: "pending", Terminated: "terminated" }[s.agreement] || "");
  b.dataset.agreement = s.agreement;
  b.textContent = `${t("agreement")}: ${text} · ${s.openObligations} ${t("openObligations")} · ${s.overdueObligations} ${t("overdueObligations")}`;
}

export function renderRows() {
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

export function renderObligations() {
  $("#obligations").innerHTML = (state.obligations || []).map((o) => `<li class="${o.overdueSince ? "overdue" : ""}" data-rule="${esc(o.ruleId)}" data-overdue="${!!o.overdueSince}">`
    + `${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}<b>${esc(o.article)}</b> <span title="${esc(o.description)}">${esc(state.lang === "en" ? o.description : (L().owed[o.ruleId] || o.description))}</span>`
    + `<br>${esc(t("owedBy"))} ${esc(o.debtorParty)} ${esc(o.debtorBody)} · ${esc(t("due"))} ${esc(fmt(o.dueAt))}`
    + `${o.policy ? ` <span class="policy">(${esc(t("policy"))})</span>` : ""} · <a href="#" data-open="${esc(o.messageId)}">${esc(o.messageId)}</a></li>`).join("") || `<li>${esc(t("none"))}</li>`;
}

/** The filters and the page position as the list API's query string. */
export function query() {
  const f = new FormData($("#filters")); const p = new URLSearchParams();
  for (const [k, v] of f.entries()) if (v) p.set(k, v);
  if (state.before) p.set("before", state.before);
  return p.toString();
}
