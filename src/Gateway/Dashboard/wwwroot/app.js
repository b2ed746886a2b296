// Entry point: wires the modules to the page. Features live in their own modules (list, message, feed, i18n, format).
import { state, $, t, L, esc, emit } from "./core.js";
import { stageName } from "./format.js";
import { renderBanner, renderRows, renderObligations } from "./list.js";
import { showDetail, showList } from "./message.js";
import { refresh, listen } from "./feed.js";
import { KINDS } from "./kinds.js";

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const stage = $("#stage-filter"); const chosen = stage.value;
  stage.innerHTML = `<option value="">${esc(t("any"))}</option>` + Object.keys(L().stages).map((s) => `<option value="${s}">${esc(stageName(s))}</option>`).join("");
  stage.value = chosen;
  $("#lang").value = state.lang;
  renderBanner(); renderRows(); renderObligations();
  emit("translate");
}

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
$("#kinds").innerHTML = KINDS.map((k) => `<option value="${k}">`).join("");

translate();
refresh().then(() => { if (location.hash.length > 1) showDetail(decodeURIComponent(location.hash.slice(1)), false); }).catch(() => {});
listen();
setInterval(() => refresh().catch(() => {}), 30000);
