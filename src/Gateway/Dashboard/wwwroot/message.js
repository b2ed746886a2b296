// One message's page: timeline, the other node's receipt, verdicts, obligations, related messages.
import { state, $, t, L, esc, get, emit } from "./core.js";
import { level, fmt, stageName } from "./format.js";

export async function showDetail(id, push = true) {
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
    + `<h3>${esc(t("timeline"))}</h3><ol class="timeline">` + d.timeline.map((e) => `<li class="${e.event === "STAGE" ? e.stage : e.event}">${esc(fmt(e.at))} · <b>${esc(e.event === "STAGE" ? stageName(e.stage) : L().events[e.event])}</b> ${esc(e.refusal ? `${e.refusal.ruleId} (${e.refusal.article}): ${e.refusal.message}` : e.detail)}</li>`).join("") + `</ol>`
    + `<h3>${esc(t("receipt"))}</h3><p>${d.receipt ? `${esc(d.receipt.status)} · ${esc(fmt(d.receipt.storedAt))} · ${esc(t("digest"))} <code>${esc(d.receipt.digest.slice(0, 16))}…</code> · ${esc(t(d.receipt.hasSignature ? "signed" : "unsigned"))}` : esc(t("noReceipt"))}</p>`
    + `<h3>${esc(t("verdicts"))}</h3><ul>${verdicts || `<li>${esc(t("noVerdicts"))}</li>`}</ul>`
    + `<h3>${esc(t("obligations"))}</h3><ul>${d.obligations.map((o) => `<li>${o.overdueSince ? `<span class="mark overdue">${esc(t("overdue"))}</span> ` : ""}${esc(o.article)} ${esc(o.description)} · ${esc(t("due"))} ${esc(fmt(o.dueAt))}${o.closedBy ? " · ✓ " + link(o.closedBy) : ""}</li>`).join("") || `<li>${esc(t("none"))}</li>`}</ul>`;
  $("#list-view").hidden = true; $("#detail-view").hidden = false;
  emit("detail", d, $("#detail"));
}

export function showList() { state.detailId = null; $("#detail-view").hidden = true; $("#list-view").hidden = false; }
