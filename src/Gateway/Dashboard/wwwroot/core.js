// Shared state, the labels of the chosen language, and hooks other modules (strip, actions, audit) attach to.
import { LABELS } from "./i18n.js";

export const state = {
  lang: localStorage.getItem("cg-lang") || "en", party: "KZ", before: null, stack: [], summary: null, rows: [], obligations: [],
  detailId: null, lastEvent: null, next: null,
};

export const $ = (s) => document.querySelector(s);

/** The current language's labels (English where one is missing). */
export const L = () => LABELS[state.lang] || LABELS.en;

/** One label by key. */
export const t = (k) => (LABELS[state.lang] && LABELS[state.lang][k]) || LABELS.en[k] || k;

export const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

export const get = async (url) => {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw Object.assign(new Error(`${r.status} ${url}`), { status: r.status });
  return r.json();
};

const hooks = { refresh: [], detail: [], translate: [] };

/** Runs fn after every refresh (fn(state)), after a message page is drawn (fn(detail, element)), or after a language switch (fn()). */
export const on = (name, fn) => { hooks[name].push(fn); };

export const emit = (name, ...args) => {
  for (const fn of hooks[name]) {
    try { fn(...args); } catch (e) { console.error(e); }
  }
};
