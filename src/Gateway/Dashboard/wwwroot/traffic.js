// Traffic over time: notices per hour over the last days, stacked by current stage, drawn as inline SVG from /api/traffic.
import { state, $, t, L, esc, get } from "./core.js";
import { fmt, stageName, kindName } from "./format.js";

const STAGE_COLOURS = { ACCEPTED: "#8c959f", RELAYED: "#54aeff", DELIVERED: "#0969da", ACKNOWLEDGED: "#1a7f37", ANSWERED: "#8250df", REFUSED: "#cf222e", REFUSED_BY_PEER: "#a40e26", FAILED: "#6e7781" };
const HOUR = 3600000;
let last = 0;

export async function refreshTraffic(force = false) {
  // At most once a minute: the chart is hourly, and the list refreshes on every stage change.
  if (!force && Date.now() - last < 60000 && state.traffic) return;
  last = Date.now();
  state.traffic = await get("/api/traffic?days=7");
  renderTraffic();
}

export function renderTraffic() {
  const data = state.traffic; const box = $("#traffic-chart"); if (!data || !box) return;
  const start = Math.floor(new Date(data.since).getTime() / HOUR) * HOUR; const end = new Date(data.until).getTime();
  const hours = Math.max(1, Math.ceil((end - start) / HOUR));
  const cols = Array.from({ length: hours }, () => ({}));
  const kinds = {}; let total = 0;
  for (const c of data.hours) {
    const i = Math.floor((new Date(c.hour).getTime() - start) / HOUR); if (i < 0 || i >= hours) continue;
    cols[i][c.stage] = (cols[i][c.stage] || 0) + c.count; kinds[c.kind] = (kinds[c.kind] || 0) + c.count; total += c.count;
  }
  if (total === 0) { box.innerHTML = `<p class="muted" data-testid="traffic-empty">${esc(t("trafficEmpty"))}</p>`; return; }
  const max = Math.max(...cols.map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
  const W = 960; const H = 140; const bar = W / hours;
  const stages = Object.keys(STAGE_COLOURS);
  const rects = cols.map((c, i) => {
    let y = H;
    return stages.filter((s) => c[s]).map((s) => {
      const h = (c[s] / max) * (H - 10); y -= h;
      return `<rect x="${(i * bar).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bar - 0.5).toFixed(1)}" height="${h.toFixed(1)}" fill="${STAGE_COLOURS[s]}"><title>${esc(fmt(new Date(start + i * HOUR).toISOString()))} · ${esc(stageName(s))}: ${c[s]}</title></rect>`;
    }).join("");
  }).join("");
  const days = Array.from({ length: Math.floor(hours / 24) + 1 }, (_, d) => {
    const x = (d * 24 * bar).toFixed(1);
    return `<line x1="${x}" y1="0" x2="${x}" y2="${H}" stroke="#d7dde3"/><text x="${(+x + 3).toFixed(1)}" y="12" font-size="10" fill="#5b6773">${esc(fmt(new Date(start + d * 24 * HOUR).toISOString(), false))}</text>`;
  }).join("");
  const legend = stages.filter((s) => cols.some((c) => c[s])).map((s) => `<span><i style="background:${STAGE_COLOURS[s]}"></i>${esc(stageName(s))}</span>`).join("");
  const byKind = Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `<span>${esc(kindName(k))}: ${n}</span>`).join("");
  box.innerHTML = `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${esc(t("traffic"))}" data-testid="traffic-svg">${days}${rects}</svg>`
    + `<div class="legend"><b>${esc(t("byStage"))}:</b> ${legend}</div><div class="legend"><b>${esc(t("byKind"))}:</b> ${byKind}</div>`;
}
