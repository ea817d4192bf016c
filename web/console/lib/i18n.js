// English and Japanese strings. The strings live in i18n/<lang>.js, one module per language;
// English is loaded always (it is every language's fallback), another language when chosen.
// t() looks a key up in the chosen language, then in English.
import en from '../i18n/en.js';

const dictionaries = { en };
const storageKey = 'latch.console.lang';
export const languages = [
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
];

function supported(code) {
  return languages.some((l) => l.code === code);
}

function initialLanguage() {
  const saved = localStorage.getItem(storageKey);
  if (supported(saved)) return saved;
  return (navigator.language ?? 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

async function load(code) {
  dictionaries[code] ??= (await import(`../i18n/${code}.js`)).default;
}

let current = 'en';

// Switches the language (loading its strings first) and remembers the choice.
export async function setLang(code) {
  const next = supported(code) ? code : 'en';
  await load(next);
  current = next;
  localStorage.setItem(storageKey, current);
  document.documentElement.lang = current;
}

export function lang() {
  return current;
}

// t('apps.count', { n: 3 }) with "{n} applications" → "3 applications". A missing key shows
// itself, so a gap is visible rather than blank.
export function t(key, vars = {}) {
  return fill(dictionaries[current][key] ?? dictionaries.en[key] ?? key, vars);
}

// Whether `key` has a text (in English, every language's fallback).
export function known(key) {
  return key in dictionaries.en;
}

// The English text of `key` whatever the chosen language (for names Logto keeps in English).
export function english(key, vars = {}) {
  return fill(dictionaries.en[key] ?? key, vars);
}

function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// A date and time in the chosen language.
export function formatTime(millis) {
  if (!millis) return '';
  return new Intl.DateTimeFormat(current === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(millis));
}

// Every module that imports this one waits for the chosen language's strings.
await setLang(initialLanguage());
