// English and Japanese strings. Each module registers its own with addStrings at import; t()
// looks a key up in the chosen language, then in English.
const dictionaries = { en: {}, ja: {} };
const storageKey = 'latch.console.lang';
export const languages = [
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
];

function initialLanguage() {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'ja') return saved;
  return (navigator.language ?? 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current = initialLanguage();
document.documentElement.lang = current;

export function addStrings({ en = {}, ja = {} }) {
  Object.assign(dictionaries.en, en);
  Object.assign(dictionaries.ja, ja);
}

export function lang() {
  return current;
}

export function setLang(code) {
  current = code === 'ja' ? 'ja' : 'en';
  localStorage.setItem(storageKey, current);
  document.documentElement.lang = current;
}

// t('apps.count', { n: 3 }) with "{n} applications" → "3 applications". A missing key shows
// itself, so a gap is visible rather than blank.
export function t(key, vars = {}) {
  const text = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
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
