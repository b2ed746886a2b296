// Levels, times, ages and counts as the viewer reads them: the viewer's language, the host time zone (UTC+5) with UTC on hover.
import { state, L, esc } from "./core.js";
import { LEVELS } from "./i18n.js";

const LOCALES = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ", tk: "tk-TM" };

/** The BCP 47 locale Intl uses for the current language; ru's when the browser lacks the language's data (same numeric forms). */
export const locale = () => {
  const wanted = LOCALES[state.lang] || "en-GB";
  return Intl.DateTimeFormat.supportedLocalesOf([wanted]).length ? wanted : (state.lang === "en" ? "en-GB" : "ru-RU");
};

export const level = (n) => n ? `${LEVELS[state.party][n]} (${LEVELS.ru[n]})` : "—";

const offsetMinutes = () => (state.summary && Number.isFinite(state.summary.hostUtcOffsetMinutes)) ? state.summary.hostUtcOffsetMinutes : 300;

const zoneLabel = () => {
  const m = offsetMinutes(); const sign = m < 0 ? "−" : "+"; const a = Math.abs(m);
  return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? ":" + String(a % 60).padStart(2, "0") : ""}`;
};

/** A time in the host time zone, in the viewer's numeric form. */
export const fmt = (iso, withTime = true) => {
  if (!iso) return "—";
  const shifted = new Date(new Date(iso).getTime() + offsetMinutes() * 60000);
  const options = { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" };
  if (withTime) Object.assign(options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return new Intl.DateTimeFormat(locale(), options).format(shifted);
};

/** The UTC instant, for a title attribute. */
export const utc = (iso) => iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "";

/** A time element: host time zone shown, UTC on hover. */
export const time = (iso, withTime = true) => iso
  ? `<time datetime="${esc(iso)}" title="${esc(utc(iso))}">${esc(fmt(iso, withTime))}${withTime ? ` <small>${esc(zoneLabel())}</small>` : ""}</time>`
  : "—";

/** For the console's classic scripts (strip, actions, audit), which cannot import: a time as plain text in the host time zone. */
window.CG = window.CG || {};
window.CG.hostTime = (iso) => iso ? `${fmt(iso)} ${zoneLabel()}` : "—";

/** A day (yyyy-mm-dd, a calendar date without a zone) in the viewer's numeric form. */
export const day = (ymd) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd || "")) return ymd || "";
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(ymd + "T00:00:00Z"));
};

/** The plural form of n in the current language (Intl.PluralRules; ru has one/few/many). */
export const pluralForm = (n) => new Intl.PluralRules(LOCALES[state.lang] || "en").select(n);

/** Picks the form for n from { one, few, many, other }; "other" when the language has no such form. */
export const plural = (n, forms) => (forms[pluralForm(n)] ?? forms.other).replace("{n}", new Intl.NumberFormat(locale()).format(n));

export const age = (iso) => {
  const now = state.summary ? new Date(state.summary.now) : new Date();
  let s = Math.max(0, (now - new Date(iso)) / 1000); const a = L().agoForms;
  if (s < 90) return plural(Math.round(s), a.s); s /= 60; if (s < 90) return plural(Math.round(s), a.m); s /= 60; if (s < 48) return plural(Math.round(s), a.h); return plural(Math.round(s / 24), a.d);
};

export const stageName = (s) => L().stages[s] || s;

export const kindName = (k) => (L().kinds && L().kinds[k]) || k;
