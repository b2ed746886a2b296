// Entry point: wires the modules to the page. Features live in their own modules (list, message, feed, traffic, texts, i18n, format).
import { state, $, t, L, esc, emit } from "./core.js";
import { stageName } from "./format.js";
import { renderBanner, renderRows, renderObligations, sortBy, filters } from "./list.js";
import { showDetail, showList, renderDetail } from "./message.js";
import { refresh, listen } from "./feed.js";
import { renderTraffic } from "./traffic.js";
import { KINDS } from "./kinds.js";
import { sentence, template, fill } from "./texts.js";

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  const stage = $("#stage-filter"); const chosen = stage.value;
  stage.innerHTML = `<option value="">${esc(t("any"))}</option>` + Object.keys(L().stages).map((s) => `<option value="${s}">${esc(stageName(s))}</option>`).join("");
  stage.value = chosen;
  $("#lang").value = state.lang;
  $("#kinds").innerHTML = KINDS.map((k) => `<option value="${k}">${esc(L().kinds[k] || "")}</option>`).join("");
  renderBanner(); renderRows(); renderObligations(); renderDetail(); renderTraffic();
  emit("translate");
}

const exportLink = () => { $("#export").href = "/api/export.csv?" + filters().toString(); };

document.addEventListener("click", (e) => {
  const sort = e.target.closest("th[data-sort]"); if (sort) { sortBy(sort.dataset.sort); return; }
  const open = e.target.closest("[data-open]"); if (open) { e.preventDefault(); showDetail(open.dataset.open); return; }
  const row = e.target.closest("tr[data-id]"); if (row) showDetail(row.dataset.id);
});
window.addEventListener("popstate", () => { if (location.hash.length > 1) showDetail(decodeURIComponent(location.hash.slice(1)), false); else showList(); });
$("#back").addEventListener("click", () => { history.pushState({}, "", "#"); showList(); });
$("#filters").addEventListener("submit", (e) => { e.preventDefault(); state.before = null; state.stack = []; state.notFound = null; exportLink(); refresh(); });
$("#filters").addEventListener("reset", () => setTimeout(() => { state.before = null; state.notFound = null; exportLink(); refresh(); }, 0));
$("#filters").addEventListener("input", exportLink);
$("#older").addEventListener("click", () => { if (state.next) { state.stack.push(state.before); state.before = state.next; refresh(); } });
$("#newest").addEventListener("click", () => { state.before = null; state.stack = []; refresh(); });
$("#lang").addEventListener("change", (e) => { state.lang = e.target.value; localStorage.setItem("cg-lang", state.lang); translate(); });

// For the template test: render any code in any language with given parameters.
window.cgTexts = { sentence, template, fill, setLang: (lang) => { state.lang = lang; } };

translate();
exportLink();
refresh().then(() => { if (location.hash.length > 1) showDetail(decodeURIComponent(location.hash.slice(1)), false); }).catch(() => {});
listen();
setInterval(() => refresh().catch(() => {}), 30000);
