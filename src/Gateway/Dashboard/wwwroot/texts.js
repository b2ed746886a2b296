// Renders the node's sentences from their code and parameters in the viewer's language. Placeholders are {name} or {name:type};
// a value is shown in the viewer's form by its type (levels, kinds, days, instants, durations, parties, phrases).
import { state, L } from "./core.js";
import { TEXTS } from "./i18n.js";
import { level, fmt, day, plural, kindName, stageName } from "./format.js";

const LEVEL_BY_ENGLISH = { "Of special importance (Особой важности)": 1, "Top secret (Совершенно секретно)": 2, "Secret (Секретно)": 3 };
const LEVEL_BY_ENUM = { OfSpecialImportance: 1, TopSecret: 2, Secret: 3 };
const TK_ORDINAL = { 0: "njy", 1: "nji", 2: "nji", 3: "nji", 4: "nji", 5: "nji", 6: "njy", 7: "nji", 8: "nji", 9: "njy" };

const phrase = (v) => (L().phrases && L().phrases[v]) || v;

const FORMAT = {
  text: (v) => v,
  raw: (v) => v,
  level: (v) => LEVEL_BY_ENGLISH[v] ? level(LEVEL_BY_ENGLISH[v]) : (L().noLevel || v),
  kind: (v) => kindName(v),
  day: (v) => day(v),
  instant: (v) => { const d = new Date(v.replace(" ", "T")); return isNaN(d) ? v : fmt(d.toISOString()); },
  utc: (v) => { const d = new Date(v.replace(" UTC", "Z").replace(" ", "T")); return isNaN(d) ? v : fmt(d.toISOString()); },
  dur: (v) => { const m = /^([\d.]+) (hours|days)$/.exec(v); return m ? plural(Number(m[1]), L().units[m[2]]) : v; },
  policy: (v) => { const d = v.replace(/ \(policy, not treaty text\)$/, ""); return `${FORMAT.dur(d)} (${L().policy})`; },
  n: (v) => new Intl.NumberFormat(state.lang).format(Number(v)),
  party: (v) => (L().parties && L().parties[v]) || v,
  reading: (v) => L()["READING_" + v] || v,
  change: (v) => v === "declassification" ? phrase(v) : (L().phrases.level || "{level}").replace("{level}", level(LEVEL_BY_ENUM[v.replace(/^level /, "")])),
  what: phrase,
  side: phrase,
  stage: (v) => stageName(v.toUpperCase()),
};

/** The template for a code in the current language, or undefined. */
export const template = (code, lang = state.lang) => TEXTS[lang] && TEXTS[lang][code];

/** Fills a template: {name:type} placeholders are formatted by type; nested sentences (an overdue entry's obligation) render too. */
export function fill(tpl, params, nested) {
  return tpl.replace(/\{([a-zA-Z][a-zA-Z0-9]*)(?::([a-z]+))?\}/g, (all, name, type) => {
    if (type === "obligation") return nested && nested[name] ? sentence(nested[name]) : (params[name] ?? all);
    if (name === "n" && type === undefined && params.article !== undefined) return articleNumber(params.article);
    const value = params[name];
    return value === undefined ? all : (FORMAT[type || "text"] || FORMAT.text)(String(value));
  });
}

function articleNumber(article) {
  const n = String(article).replace(/^Art\.\s*/, "");
  if (state.lang !== "tk") return n;
  // Turkmen ordinal after the article's number: 5-nji, 6-njy (by the last digit's vowel).
  const last = n.match(/(\d)\D*$/);
  return last && /^[\d.]+$/.test(n) ? `${n}-${TK_ORDINAL[last[1]]}` : n;
}

/** A sentence ({ code, params, english, nested }) in the current language; the English as given when no template matched. */
export function sentence(text) {
  if (!text) return "";
  if (state.lang === "en" && text.english !== undefined && text.code !== "ARTICLE") return text.english;
  const tpl = text.code && template(text.code);
  if (!tpl) return text.english ?? text.code ?? "";
  return fill(tpl, text.params || {}, text.nested);
}

/** True when the sentence has a template in the current language (the page marks the others). */
export const translated = (text) => !!text && (state.lang === "en" || !!(text.code && template(text.code)));

/** "Art. 5.1: …" in the viewer's language, for a refusal or a flag (RefusalView). */
export function refusalLine(r) {
  if (!r) return "";
  const article = r.article ? sentence({ code: "ARTICLE", params: { article: r.article } }) + ": " : "";
  if (state.lang === "en") return r.message;
  return r.text && r.text.code && template(r.text.code) ? article + sentence(r.text) : r.message;
}
