// Keeping the page current: one refresh of summary, list and obligations, and the server-sent events that trigger it.
import { state, $, t, get, emit } from "./core.js";
import { renderBanner, renderRows, renderObligations, query } from "./list.js";
import { showDetail } from "./message.js";
import { refreshTraffic } from "./traffic.js";

export async function refresh() {
  const [summary, list, obligations] = await Promise.all([get("/api/summary"), get("/api/messages?" + query()), get("/api/obligations?open=true")]);
  state.summary = summary; state.party = summary.localParty; state.rows = list.items; state.next = list.next; state.unmatched = list.unmatched || [];
  state.loaded = true;
  renderBanner(); renderRows();
  state.obligations = obligations;
  renderObligations();
  emit("refresh", state);
  refreshTraffic().catch(() => {});
  if (state.detailId) await showDetail(state.detailId, false);
}

let pending = null;
const soon = () => { clearTimeout(pending); pending = setTimeout(() => refresh().catch(() => {}), 250); };

// Other parts of the console (an action just taken) ask for a refresh with this event.
document.addEventListener("cg:refresh", soon);

export function listen() {
  const source = new EventSource("/api/events");
  const live = $("#live");
  source.onopen = () => { live.className = "live on"; live.dataset.i18n = "live"; live.textContent = t("live"); };
  source.onmessage = (e) => { state.lastEvent = JSON.parse(e.data); soon(); };
  source.onerror = () => { live.className = "live"; live.dataset.i18n = "offline"; live.textContent = t("offline"); };
}
