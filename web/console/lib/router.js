// Client-side routing under /console: every page has its own URL (reload and new tabs work,
// the server answers every /console path with the same document). Pages are modules loaded on
// first use; a page module's default export is `async (view, ctx) => cleanup?`, where `view`
// is the emptied <main> and ctx = { params, query, navigate, setTitle, setDirty, reload }.
import { t } from './i18n.js';
import { confirmDialog, errorState, loading } from './ui.js';
import { replace } from './dom.js';

const routes = [];
let view = null;
let onChange = () => {};
let cleanup = null;
let dirty = false;
let firstRender = true;

// route('/applications/:id', () => import('../pages/application_details.js'), { nav: 'applications' })
export function route(pattern, load, meta = {}) {
  const names = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  routes.push({ regex: new RegExp(`^/console${source}/?$`), names, load, meta });
}

function match(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (!m) continue;
    const params = {};
    r.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return { route: r, params };
  }
  return null;
}

export async function navigate(href, { replace: replaceEntry = false } = {}) {
  if (dirty) {
    const leave = await confirmDialog({
      title: t('router.leave_title'),
      message: t('router.leave_body'),
      confirmLabel: t('router.leave'),
    });
    if (!leave) return;
  }
  dirty = false;
  if (replaceEntry) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  await render();
}

export function currentRoute() {
  return match(window.location.pathname);
}

async function render() {
  if (cleanup) {
    try {
      cleanup();
    } catch {
      /* a page's cleanup failing must not stop navigation */
    }
    cleanup = null;
  }
  dirty = false;
  const found = match(window.location.pathname);
  onChange(found?.route.meta ?? {});
  replace(view, loading());
  if (!found) {
    replace(view, errorState(new Error(t('router.not_found'))));
    document.title = `${t('router.not_found')} · Latch Console`;
    return;
  }
  const ctx = {
    params: found.params,
    query: new URLSearchParams(window.location.search),
    navigate,
    setTitle: (title) => {
      document.title = `${title} · Latch Console`;
    },
    setDirty: (value) => {
      dirty = Boolean(value);
    },
    reload: () => render(),
  };
  try {
    const module = await found.route.load();
    const target = document.createElement('div');
    target.className = 'page';
    replace(view, target);
    cleanup = (await module.default(target, ctx)) ?? null;
  } catch (error) {
    replace(
      view,
      errorState(error, () => render()),
    );
  }
  if (!firstRender) view.querySelector('h1')?.focus();
  firstRender = false;
}

// Starts routing into `main`; `changed(meta)` runs on each page change (the nav highlights).
export function startRouter(main, changed) {
  view = main;
  onChange = changed;
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-link]');
    if (
      !a ||
      e.defaultPrevented ||
      e.button !== 0 ||
      e.metaKey ||
      e.ctrlKey ||
      e.shiftKey ||
      e.altKey
    ) {
      return;
    }
    const url = new URL(a.href);
    if (url.origin !== window.location.origin || !url.pathname.startsWith('/console')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => render());
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });
  return render();
}
