"use strict";
// Shared helpers of the console's own parts (strip, actions, audit): the viewer's language, {parameter} texts, times, escaping.
window.CG = window.CG || {};
(() => {
  const lang = () => document.getElementById("lang")?.value || localStorage.getItem("cg-lang") || "en";
  CG.lang = lang;
  CG.text = (key, params) => {
    const dict = I18N[lang()] || I18N.en;
    const template = dict[key] ?? I18N.en[key] ?? key;
    return String(template).replace(/\{(\w+)\}/g, (m, p) => (params && p in params ? String(params[p]) : m));
  };
  CG.pick = (group, key) => ((I18N[lang()] || {})[group] || {})[key] ?? (I18N.en[group] || {})[key] ?? key;
  CG.esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  // The host time zone in the viewer's numeric form (format.js), as the list and message pages show times; UTC until it loaded.
  CG.time = (iso) => CG.hostTime ? CG.hostTime(iso) : iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + "Z" : "—";
  CG.age = (iso, nowIso) => {
    const a = (I18N[lang()] || I18N.en).ago || I18N.en.ago;
    let s = Math.max(0, ((nowIso ? new Date(nowIso) : new Date()) - new Date(iso)) / 1000);
    if (s < 90) return `${Math.round(s)} ${a.s}`; s /= 60; if (s < 90) return `${Math.round(s)} ${a.m}`; s /= 60;
    if (s < 48) return `${Math.round(s)} ${a.h}`; return `${Math.round(s / 24)} ${a.d}`;
  };
})();
