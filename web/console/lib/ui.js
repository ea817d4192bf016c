// The console's building blocks: buttons, page headers, cards, form fields, tables, tabs,
// empty states, copy fields, toasts, modals and confirmations. Pages compose these; none of
// them builds HTML from strings.
import { h, append, uid } from './dom.js';
import { t } from './i18n.js';

// button('Create application', onClick, { kind: 'primary' | 'secondary' | 'danger' | 'text' })
export function button(label, onclick, { kind = 'secondary', type = 'button', ...rest } = {}) {
  return h('button', { class: `btn btn-${kind}`, type, onclick, ...rest }, label);
}

// A link inside the console (the router intercepts it; a new tab still works).
export function link(label, href, props = {}) {
  return h('a', { href, 'data-link': true, ...props }, label);
}

export function pageHeader(title, { subtitle, actions = [], back } = {}) {
  return h(
    'header',
    { class: 'page-header' },
    back ? h('p', { class: 'back' }, link(`← ${back.label}`, back.href)) : null,
    h(
      'div',
      { class: 'page-header-row' },
      h(
        'div',
        {},
        h('h1', { tabindex: '-1' }, title),
        subtitle ? h('p', { class: 'subtitle' }, subtitle) : null,
      ),
      h('div', { class: 'actions' }, actions),
    ),
  );
}

export function card(title, ...children) {
  return h(
    'section',
    { class: 'card' },
    title ? h('h2', { class: 'card-title' }, title) : null,
    children,
  );
}

// A card whose children stack with the form spacing (fields, notes, rows).
export function stackCard(title, ...children) {
  return card(title, h('div', { class: 'stack' }, children));
}

// A details tab's form: any edit marks the page dirty (the leave-page guard), `onsubmit` saves.
export function editForm(ctx, onsubmit, ...children) {
  const dirty = () => ctx.setDirty(true);
  return h(
    'form',
    { class: 'stack', novalidate: true, onsubmit, oninput: dirty, onchange: dirty },
    children,
  );
}

export function badge(text, kind = 'neutral') {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('ui.loading'));
}

// The message of an API error for a person, with the field details when the API gave some.
export function errorText(error) {
  return error?.message || String(error);
}

// Shows why a save failed: under `target` (a field(), focused unless `focus` is false) when the
// message names one, else in the form's `formError` line.
export function showSaveError(error, target, formError, { focus = true } = {}) {
  if (target) {
    target.setError(errorText(error));
    if (focus) target.input.focus();
  } else {
    formError.textContent = errorText(error);
    formError.hidden = false;
  }
}

export function errorState(error, retry) {
  return h(
    'div',
    { class: 'empty-state error', role: 'alert' },
    h('h2', {}, t('ui.load_failed')),
    h('p', {}, errorText(error)),
    retry ? button(t('ui.retry'), retry) : null,
  );
}

export function emptyState({ title, text, action }) {
  return h(
    'div',
    { class: 'empty-state' },
    h('h2', {}, title),
    text ? h('p', {}, text) : null,
    action ?? null,
  );
}

// A labelled form control. `input` is an <input>/<select>/<textarea> element; its id, the
// label's for, the hint and the error are wired for screen readers. Returns the wrapper with
// setError(message) to show or clear a validation message.
export function field(label, input, { hint, required = false } = {}) {
  const id = input.id || uid('field');
  input.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  if (required) input.required = true;
  const wrapper = h(
    'div',
    { class: required ? 'field required' : 'field' },
    h('label', { for: id }, label),
    input,
    hintEl,
    errorEl,
  );
  wrapper.setError = (message) => {
    errorEl.textContent = message ?? '';
    errorEl.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [hintEl?.id, errorEl.id].filter(Boolean).join(' '));
    } else {
      input.removeAttribute('aria-invalid');
      if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
      else input.removeAttribute('aria-describedby');
    }
  };
  wrapper.input = input;
  return wrapper;
}

export function textInput(props = {}) {
  return h('input', { type: 'text', class: 'input', autocomplete: 'off', ...props });
}

// A Show/Hide button for the password-type `input` labelled `label`.
export function revealToggle(input, label) {
  const toggle = button(
    t('ui.show'),
    () => {
      const shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      toggle.textContent = shown ? t('ui.show') : t('ui.hide');
      toggle.setAttribute('aria-pressed', String(!shown));
    },
    { kind: 'text', 'aria-pressed': 'false', 'aria-label': `${t('ui.show')}: ${label}` },
  );
  return toggle;
}

// A read-only value with a Copy button (and Show/Hide for secrets).
export function copyField(label, value, { secret = false, testId } = {}) {
  const id = uid('copy');
  const input = h('input', {
    id,
    class: 'input mono',
    type: secret ? 'password' : 'text',
    value: value ?? '',
    readonly: true,
    'data-testid': testId,
  });
  const controls = [];
  if (secret) controls.push(revealToggle(input, label));
  controls.push(
    button(t('ui.copy'), () => copyText(value), {
      kind: 'text',
      'aria-label': `${t('ui.copy')}: ${label}`,
    }),
  );
  return h(
    'div',
    { class: 'field copy-field' },
    h('label', { for: id }, label),
    h('div', { class: 'copy-row' }, input, controls),
  );
}

export async function copyText(value) {
  try {
    await navigator.clipboard.writeText(value);
    toast(t('ui.copied'));
  } catch {
    toast(t('ui.copy_failed'), 'error');
  }
}

// Toasts: short results in the corner, announced politely (errors assertively).
export function toast(message, kind = 'success') {
  const region = document.getElementById('toasts');
  const item = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : null },
    message,
  );
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

// Tabs as links (each tab is its own URL). items: [{ label, href, active }]
export function tabs(items, label) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': label },
    items.map((item) =>
      link(item.label, item.href, {
        class: item.active ? 'tab active' : 'tab',
        'aria-current': item.active ? 'page' : null,
      }),
    ),
  );
}

// A table. columns: [{ label, render(row) → node|string, class }]; onOpen(row) makes rows
// open on click and on Enter (the first cell's link is the keyboard target when `href` is set).
export function table(columns, rows, { onOpen, href, caption } = {}) {
  return h(
    'table',
    { class: 'table' },
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) => {
        const cells = columns.map((c, i) => {
          let content = c.render(row);
          if (i === 0 && href) content = link(content, href(row));
          return h('td', { class: c.class }, content);
        });
        return h(
          'tr',
          {
            class: onOpen ? 'clickable' : null,
            onclick: onOpen
              ? (e) => {
                  if (e.target.closest('a,button,input')) return;
                  onOpen(row);
                }
              : null,
          },
          cells,
        );
      }),
    ),
  );
}

// Previous/Next for a paged list.
export function pager({ page, pageSize, total, go }) {
  const pages = Math.max(1, Math.ceil((total ?? 0) / pageSize));
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('ui.pagination') },
    button(t('ui.previous'), () => go(page - 1), { disabled: page <= 1 }),
    h('span', {}, t('ui.page_of', { page, pages, total: total ?? 0 })),
    button(t('ui.next'), () => go(page + 1), { disabled: page >= pages }),
  );
}

// A modal dialog: focus moves in and stays in, Escape and the close button cancel, focus goes
// back where it was. Returns { root, body, close }.
export function modal({ title, content, actions = [], wide = false, onClose }) {
  const previous = document.activeElement;
  const titleId = uid('modal');
  const close = () => {
    overlay.remove();
    document.removeEventListener('keydown', onKey, true);
    if (previous instanceof HTMLElement) previous.focus();
    onClose?.();
  };
  const body = h('div', { class: 'modal-body' }, content);
  const dialog = h(
    'div',
    {
      class: wide ? 'modal wide' : 'modal',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
    },
    h(
      'div',
      { class: 'modal-head' },
      h('h2', { id: titleId }, title),
      button('×', close, {
        kind: 'text',
        class: 'btn btn-text modal-x',
        'aria-label': t('ui.close'),
      }),
    ),
    body,
    actions.length ? h('div', { class: 'modal-actions' }, actions) : null,
  );
  const overlay = h(
    'div',
    {
      class: 'overlay',
      onmousedown: (e) => {
        if (e.target === overlay) close();
      },
    },
    dialog,
  );
  function onKey(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      const focusable = [
        ...dialog.querySelectorAll(
          'a[href],button:not([disabled]),input:not([disabled]),select,textarea,[tabindex]:not([tabindex="-1"])',
        ),
      ].filter((el) => el.offsetParent !== null);
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }
  document.addEventListener('keydown', onKey, true);
  document.body.append(overlay);
  const autofocus =
    dialog.querySelector('[autofocus]') ?? dialog.querySelector('input,select,textarea,button');
  autofocus?.focus();
  return { root: dialog, body, close };
}

// Asks before a destructive action; resolves true when confirmed.
export function confirmDialog({ title, message, confirmLabel = t('ui.delete'), danger = true }) {
  return new Promise((resolve) => {
    let answered = false;
    const finish = (value) => {
      answered = true;
      m.close();
      resolve(value);
    };
    const m = modal({
      title,
      content: h('p', {}, message),
      actions: [
        button(t('ui.cancel'), () => finish(false)),
        button(confirmLabel, () => finish(true), { kind: danger ? 'danger' : 'primary' }),
      ],
      onClose: () => {
        if (!answered) resolve(false);
      },
    });
    m.root.querySelector('.modal-actions .btn')?.focus();
  });
}

// Disables `btn` while `work` runs; a thrown error becomes an error toast (and is returned).
export async function busy(btn, work) {
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } catch (error) {
    toast(errorText(error), 'error');
    return undefined;
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
  }
}

export { h, append };
