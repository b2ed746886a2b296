// The four languages of the page, and the classification levels of Art. 2: the viewer's national form, with the Russian
// form (authoritative) alongside.
import en from "./i18n-en.js";
import ru from "./i18n-ru.js";
import kk from "./i18n-kk.js";
import tk from "./i18n-tk.js";

import textsEn from "./texts-en.js";
import textsRu from "./texts-ru.js";
import textsKk from "./texts-kk.js";
import textsTk from "./texts-tk.js";

export const LABELS = { en, ru, kk, tk };

/** Sentences by code, per language. */
export const TEXTS = { en: textsEn, ru: textsRu, kk: textsKk, tk: textsTk };

// Art. 2: level 1 (highest) .. 3, in each Party's national form and in Russian.
export const LEVELS = {
  KZ: { 1: "Аса маңызды", 2: "Өте құпия", 3: "Құпия" },
  TM: { 1: "Aýratyn ähmiýetli", 2: "Iňňän gizlin", 3: "Gizlin" },
  ru: { 1: "Особой важности", 2: "Совершенно секретно", 3: "Секретно" }
};

// Classic (non-module) scripts of the console read the labels and levels as globals; load them with defer after app.js.
window.I18N = LABELS;
window.LEVELS = LEVELS;
