// One message's page: timeline, the other node's receipt, verdicts, obligations, related messages — every sentence in the viewer's language.
import { state, $, t, L, esc, get, emit } from "./core.js";
import { level, time, stageName, kindName } from "./format.js";
import { sentence, refusalLine, translated } from "./texts.js";
import { renderNotice } from "./list.js";

const line = (text, cls = "") => `<span class="${cls}${translated(text) ? "" : " untranslated"}">${esc(sentence(text))}</span>`;

function timelineEntry(e) {
  const what = e.event === "STAGE" ? stageName(e.stage) : L().events[e.event];
  // A flag's entry names its rule and article; outside English the article is shown in the viewer's form before the sentence.
  const article = state.lang !== "en" && e.text && e.text.params && e.text.params.article ? sentence({ code: "ARTICLE", params: { article: e.text.params.article } }) + ": " : "";
  const detail = e.refusal ? esc(refusalLine(e.refusal)) : esc(article) + line(e.text);
  return `<li class="${e.event === "STAGE" ? e.stage : e.event}">${time(e.at)} · <b>${esc(what)}</b> ${detail}</li>`;
}

function verdict(r) {
  return `<li><b>${esc(r.ruleId)}</b> <span class="${r.text && translated(r.text) ? "" : "untranslated"}">${esc(refusalLine(r))}</span></li>`;
}

function obligation(o) {
  return `<li>${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}${line(o.text)} · ${esc(t("due"))} ${time(o.dueAt)}`
    + `${o.closedBy ? ` · ✓ ${/^settled outside the gateway/.test(o.closedBy) ? esc(settledText(o.closedBy)) : `<a href="#" data-open="${esc(o.closedBy)}">${esc(o.closedBy)}</a>`}` : ""}</li>`;
}

export async function showDetail(id, push = true) {
  let d;
  try {
    d = await get("/api/messages/" + encodeURIComponent(id));
  } catch (e) {
    if (e.status === 404) { state.notFound = id; showList(); renderNotice(); return; }
    throw e;
  }
  state.notFound = null;
  state.detailId = id; if (push) history.pushState({ id }, "", "#" + encodeURIComponent(id));
  state.detail = d;
  renderDetail();
  $("#list-view").hidden = true; $("#detail-view").hidden = false;
  emit("detail", d, $("#detail"));
}

export function renderDetail() {
  const d = state.detail; if (!d) return;
  const m = d.message;
  const verdicts = (m.refusal ? [verdict(m.refusal)] : []).concat((m.flagTexts || []).map(verdict)).join("");
  const link = (x) => `<a href="#" data-open="${esc(x)}">${esc(x)}</a>`;
  $("#detail").innerHTML = `<h2><span title="${esc(m.kind)}">${esc(kindName(m.kind))}</span> <code data-testid="detail-id">${esc(m.id)}</code> — <span class="stage" data-testid="detail-stage">${esc(stageName(m.stage))}</span></h2>`
    + `<p><a href="/api/messages/${encodeURIComponent(m.id)}/evidence" download="${esc(m.id)}.evidence" data-testid="evidence">${esc(t("evidence"))}</a></p>`
    + `<dl><dt>${esc(t("colSender"))}</dt><dd>${esc(m.senderParty)} ${esc(m.senderBody)}</dd><dt>${esc(t("colReceiver"))}</dt><dd>${esc(m.receiverParty)} ${esc(m.receiverBody)}</dd>`
    + `<dt>${esc(t("colLevel"))}</dt><dd>${esc(level(m.level))}</dd>`
    + (m.inReplyTo ? `<dt>${esc(t("inReplyTo"))}</dt><dd>${link(m.inReplyTo)}</dd>` : "")
    + `<dt>${esc(t("answeredBy"))}</dt><dd>${d.answeredBy.map(link).join(", ") || esc(t("none"))}</dd>`
    + `<dt>${esc(t("related"))}</dt><dd>${d.related.map(link).join(", ") || esc(t("none"))}</dd></dl>`
    + `<h3>${esc(t("timeline"))}</h3><ol class="timeline">${d.timeline.map(timelineEntry).join("")}</ol>`
    + `<h3>${esc(t("receipt"))}</h3><p>${d.receipt ? `${esc(L().receiptStatus[d.receipt.status] || d.receipt.status)} · ${time(d.receipt.storedAt)} · ${esc(t("digest"))} <code>${esc(d.receipt.digest.slice(0, 16))}…</code> · ${esc(t(d.receipt.hasSignature ? "signed" : "unsigned"))}` : esc(t("noReceipt"))}</p>`
    + `<h3>${esc(t("verdicts"))}</h3><ul>${verdicts || `<li>${esc(t("noVerdicts"))}</li>`}</ul>`
    + `<h3>${esc(t("obligations"))}</h3><ul>${d.obligations.map(obligation).join("") || `<li>${esc(t("none"))}</li>`}</ul>`;
  document.dispatchEvent(new CustomEvent("cg:detail", { detail: m }));
}

export function showList() { document.dispatchEvent(new CustomEvent("cg:detail", { detail: null })); state.detailId = null; state.detail = null; $("#detail-view").hidden = true; $("#list-view").hidden = false; }

/** An obligation closed by two operators (four eyes): the console's own words for it, with the settlement's number; not a message link. */
function settledText(closedBy) {
  const n = (/settlement (\d+)/.exec(closedBy) || [])[1];
  const words = window.CG && window.CG.text ? window.CG.text("proposeSettlement").replace(/…$/, "") : closedBy;
  return n ? `${words} (#${n})` : words;
}
