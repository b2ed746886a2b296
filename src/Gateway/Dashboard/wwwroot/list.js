// The list view: banner, the table of messages (sortable, the id on every row), the obligations panel, and the filters' query.
import { state, $, t, L, esc } from "./core.js";
import { level, time, age, stageName, kindName, plural, day } from "./format.js";
import { sentence, refusalLine, translated } from "./texts.js";

export function renderBanner() {
  const s = state.summary; if (!s) return;
  const reading = s.terminationReading ? t("READING_" + s.terminationReading) : "";
  const text = t(s.agreement === "InForce" ? "IN_FORCE" : s.agreement === "NotInForce" ? "NOT_IN_FORCE" : s.agreement === "TerminationPending" ? "TERMINATION_PENDING" : "TERMINATED")
    .replace("{date}", day(s.lastDayInForce || s.terminatesOn || "")).replace("{reading}", reading);
  const b = $("#banner");
  b.className = "banner " + ({ NotInForce: "notinforce", TerminationPending: "pending", Terminated: "terminated" }[s.agreement] || "");
  b.dataset.agreement = s.agreement;
  b.textContent = `${t("agreement")}: ${text} · ${plural(s.openObligations, L().openObligations)} · ${plural(s.overdueObligations, L().overdueObligations)}`;
}

const SORTS = {
  id: (m) => m.id, kind: (m) => kindName(m.kind), direction: (m) => m.direction, sender: (m) => m.senderParty + m.senderBody,
  receiver: (m) => m.receiverParty + m.receiverBody, level: (m) => m.level, stage: (m) => stageName(m.stage),
  acceptedAt: (m) => m.acceptedAt, nextDueAt: (m) => m.nextDueAt || "9999",
};

/** The rows in the order the operator chose (a header click sorts the page shown; the server pages newest first). */
function sorted(rows) {
  if (!state.sort) return rows;
  const key = SORTS[state.sort.by]; const dir = state.sort.desc ? -1 : 1;
  const collator = new Intl.Collator(state.lang, { numeric: true });
  return [...rows].sort((a, b) => {
    const x = key(a); const y = key(b);
    return dir * (typeof x === "number" ? x - y : collator.compare(String(x), String(y)));
  });
}

export function sortBy(by) {
  state.sort = state.sort && state.sort.by === by ? { by, desc: !state.sort.desc } : { by, desc: false };
  document.querySelectorAll("#messages th[data-sort]").forEach((th) => {
    th.setAttribute("aria-sort", th.dataset.sort === by ? (state.sort.desc ? "descending" : "ascending") : "none");
  });
  renderRows();
}

export function renderRows() {
  $("#messages tbody").innerHTML = sorted(state.rows).map((m) => {
    const marks = (m.overdue ? `<span class="mark overdue">${esc(t("overdue"))}</span>` : "")
      + (m.refusal ? `<span class="mark refused" title="${esc(refusalLine(m.refusal))}">${esc(t("refused"))} ${esc(sentence({ code: "ARTICLE", params: { article: m.refusal.article } }))}</span>` : "")
      + (m.flags.length ? `<span class="mark flag" title="${esc(m.flagTexts.map(refusalLine).join("\n"))}">${esc(t("flagged"))}</span>` : "");
    const cls = (m.overdue ? "overdue " : "") + (m.refusal ? "refused" : "");
    return `<tr class="${cls}" data-id="${esc(m.id)}" data-stage="${m.stage}" data-direction="${m.direction}" data-overdue="${m.overdue}">`
      + `<td class="id" title="${esc(m.id)}${m.correlationId ? " · " + esc(m.correlationId) : ""}"><code>${esc(m.id)}</code></td>`
      + `<td title="${esc(m.kind)}">${esc(kindName(m.kind))}</td><td>${esc(t(m.direction))}</td>`
      + `<td>${esc(m.senderParty)} ${esc(m.senderBody)}</td><td>${esc(m.receiverParty)} ${esc(m.receiverBody)}</td>`
      + `<td class="level">${esc(level(m.level))}</td><td class="stage-cell"><span class="stage">${esc(stageName(m.stage))}</span>${marks}</td>`
      + `<td>${esc(age(m.acceptedAt))}</td><td>${time(m.nextDueAt)}</td></tr>`;
  }).join("");
  renderNotice();
  document.dispatchEvent(new CustomEvent("cg:rows", { detail: state.rows }));
}

/** Says why the list is empty or partial, instead of showing a silent list. */
export function renderNotice() {
  const n = $("#notice"); const lines = [];
  const f = new FormData($("#filters"));
  for (const what of state.unmatched || []) lines.push(sentence({ code: what === "kind" ? "SEARCH_NO_KIND" : "SEARCH_NO_BODY", params: { term: f.get(what) || "" } }));
  if (state.rows.length === 0 && state.loaded) {
    const q = (f.get("q") || "").trim();
    lines.push(sentence(q ? { code: "SEARCH_NOTHING", params: { term: q } } : { code: "LIST_EMPTY", params: {} }));
  }
  if (state.notFound) lines.push(sentence({ code: "UNKNOWN_ID", params: { id: state.notFound } }));
  n.hidden = lines.length === 0;
  n.textContent = lines.join(" ");
}

export function renderObligations() {
  $("#obligations").innerHTML = (state.obligations || []).map((o) => `<li class="${o.overdueSince ? "overdue" : ""}" data-obligation="${o.id}" data-rule="${esc(o.ruleId)}" data-overdue="${!!o.overdueSince}">`
    + `${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}<b>${esc(sentence({ code: "ARTICLE", params: { article: o.article } }))}</b> <span title="${esc(o.description)}" class="${translated(o.text) ? "" : "untranslated"}">${esc(sentence(o.text))}</span>`
    + `<br>${esc(t("owedBy"))} ${esc(o.debtorParty)} ${esc(o.debtorBody)} · ${esc(t("due"))} ${time(o.dueAt)}`
    + `${o.policy ? ` <span class="policy">(${esc(t("policy"))})</span>` : ""} · <a href="#" data-open="${esc(o.messageId)}">${esc(o.messageId)}</a></li>`).join("") || `<li>${esc(t("none"))}</li>`;
  document.dispatchEvent(new CustomEvent("cg:obligations", { detail: state.obligations || [] }));
}

/** The filters as a query string (without the page position: the CSV export takes the whole filtered list). */
export function filters() {
  const f = new FormData($("#filters")); const p = new URLSearchParams();
  for (const [k, v] of f.entries()) if (v) p.set(k, v);
  return p;
}

/** The filters and the page position as the list API's query string. */
export function query() {
  const p = filters();
  if (state.before) p.set("before", state.before);
  return p.toString();
}
