// The building blocks of lib/ui.js as Preact components (htm templates), for pages written
// with lib/view.js. Same classes, labels and ARIA wiring as their DOM twins.
import { html, useRef, useState } from '../lib/view.js';
import { t } from '../lib/i18n.js';
import { uid } from '../lib/dom.js';
import { copyText } from '../lib/ui.js';
import { generatePassword } from '../lib/passwords.js';

export function Button({ kind = 'secondary', type = 'button', children, ...rest }) {
  return html`<button class=${`btn btn-${kind}`} type=${type} ...${rest}>${children}</button>`;
}

export const Link = ({ href, children, ...rest }) =>
  html`<a href=${href} data-link ...${rest}>${children}</a>`;

export const Badge = ({ kind = 'neutral', children }) =>
  html`<span class=${`badge badge-${kind}`}>${children}</span>`;

export function PageHeader({ title, subtitle, actions }) {
  return html`<header class="page-header">
    <div class="page-header-row">
      <div>
        <h1 tabindex="-1">${title}</h1>
        ${subtitle && html`<p class="subtitle">${subtitle}</p>`}
      </div>
      <div class="actions">${actions}</div>
    </div>
  </header>`;
}

export const Loading = () => html`<p class="loading" role="status">${t('ui.loading')}</p>`;

export function ErrorState({ error, retry }) {
  return html`<div class="empty-state error" role="alert">
    <h2>${t('ui.load_failed')}</h2>
    <p>${error?.message || String(error)}</p>
    ${retry && html`<${Button} onClick=${retry}>${t('ui.retry')}<//>`}
  </div>`;
}

export function EmptyState({ title, text, action }) {
  return html`<div class="empty-state">
    <h2>${title}</h2>
    ${text && html`<p>${text}</p>`} ${action}
  </div>`;
}

// A labelled control: `children(props)` renders the input with the id and ARIA props given.
export function Field({ label, hint, error, required, children }) {
  const id = useRef(uid('field')).current;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  const input = { id, required, 'aria-invalid': error ? 'true' : undefined };
  if (describedBy) input['aria-describedby'] = describedBy;
  return html`<div class=${required ? 'field required' : 'field'}>
    <label for=${id}>${label}</label>
    ${children(input)} ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    <p class="field-error" id=${`${id}-error`} hidden=${!error}>${error}</p>
  </div>`;
}

// A text input bound to `value`; `onValue(text)` on every change.
export function TextInput({ value, onValue, inputRef, ...rest }) {
  return html`<input
    class="input"
    type="text"
    autocomplete="off"
    ...${rest}
    ref=${inputRef}
    value=${value}
    onInput=${(e) => onValue(e.currentTarget.value)}
  />`;
}

export function PasswordField({ label, hint, value, onValue, error, inputRef }) {
  const [shown, setShown] = useState(false);
  const generate = () => {
    onValue(generatePassword());
    setShown(true);
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  };
  return html`<${Field} label=${label} hint=${hint} error=${error}>
    ${(props) =>
      html`<div class="copy-row">
        <${TextInput}
          ...${props}
          type=${shown ? 'text' : 'password'}
          name="password"
          autocomplete="new-password"
          value=${value}
          onValue=${onValue}
          inputRef=${inputRef}
        />
        <${Button}
          kind="text"
          aria-pressed=${String(shown)}
          aria-label=${`${t('ui.show')}: ${label}`}
          onClick=${() => setShown(!shown)}
          >${shown ? t('ui.hide') : t('ui.show')}<//
        >
        <${Button}
          title=${t('users.add.generate_label')}
          aria-label=${t('users.add.generate_label')}
          onClick=${generate}
          >${t('users.add.generate')}<//
        >
      </div>`}
  <//>`;
}

// A read-only value with a Copy button.
export function CopyField({ label, value, testId }) {
  const id = useRef(uid('copy')).current;
  return html`<div class="field copy-field">
    <label for=${id}>${label}</label>
    <div class="copy-row">
      <input
        id=${id}
        class="input mono"
        type="text"
        value=${value}
        readonly
        data-testid=${testId}
      />
      <${Button}
        kind="text"
        aria-label=${`${t('ui.copy')}: ${label}`}
        onClick=${() => copyText(value)}
        >${t('ui.copy')}<//
      >
    </div>
  </div>`;
}

// columns: [{ label, render(row) }]; rows open on click (not on their links and buttons).
export function Table({ columns, rows, onOpen, caption }) {
  const open = (row) => (e) => {
    if (!e.target.closest('a,button,input')) onOpen(row);
  };
  return html`<table class="table">
    <caption class="sr-only">
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((c) => html`<th scope="col">${c.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class="clickable" onClick=${open(row)}>
            ${columns.map((c) => html`<td>${c.render(row)}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function Pager({ page, pageSize, total, go }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return html`<nav class="pager" aria-label=${t('ui.pagination')}>
    <${Button} disabled=${page <= 1} onClick=${() => go(page - 1)}>${t('ui.previous')}<//>
    <span>${t('ui.page_of', { page, pages, total })}</span>
    <${Button} disabled=${page >= pages} onClick=${() => go(page + 1)}>${t('ui.next')}<//>
  </nav>`;
}
