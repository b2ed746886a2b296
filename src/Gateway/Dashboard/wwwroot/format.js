// Levels, times and ages as the viewer reads them.
import { state, L } from "./core.js";
import { LEVELS } from "./i18n.js";

export const level = (n) => n ? `${LEVELS[state.party][n]} (${LEVELS.ru[n]})` : "—";

export const fmt = (iso) => iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + "Z" : "—";

export const age = (iso) => {
  const now = state.summary ? new Date(state.summary.now) : new Date();
  let s = Math.max(0, (now - new Date(iso)) / 1000); const a = L().ago;
  if (s < 90) return `${Math.round(s)} ${a.s}`; s /= 60; if (s < 90) return `${Math.round(s)} ${a.m}`; s /= 60; if (s < 48) return `${Math.round(s)} ${a.h}`; return `${Math.round(s / 24)} ${a.d}`;
};

export const stageName = (s) => L().stages[s] || s;
