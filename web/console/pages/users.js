// Users: a searchable, paged list of the end users of this Latch, with "Add user" (a modal that
// can generate a strong password and hands it over once). The search and the page live in the
// URL (?search=&page=), so reload, back and shared links show the same list.
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { get, post } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import {
  badge,
  button,
  copyField,
  emptyState,
  errorState,
  field,
  link,
  loading,
  modal,
  pageHeader,
  pager,
  revealToggle,
  showSaveError,
  table,
  textInput,
  toast,
} from '../lib/ui.js';

const PAGE_SIZE = 20;

// A strong random password: 16 characters from letters, digits and symbols, with at least one
// of each kind (crypto.getRandomValues, rejection sampling so every character is equally likely).
export function generatePassword(length = 16) {
  const sets = [
    'abcdefghijkmnopqrstuvwxyz',
    'ABCDEFGHJKLMNPQRSTUVWXYZ',
    '23456789',
    '!@#$%^&*-_=+?',
  ];
  const all = sets.join('');
  const pick = (chars) => {
    const limit = 256 - (256 % chars.length);
    const buf = new Uint8Array(1);
    do crypto.getRandomValues(buf);
    while (buf[0] >= limit);
    return chars[buf[0] % chars.length];
  };
  for (;;) {
    const out = Array.from({ length }, () => pick(all));
    if (sets.every((set) => out.some((c) => set.includes(c)))) return out.join('');
  }
}

// The name a person reads for a user: name, then username, email, phone, then the id.
export function displayName(user) {
  return user.name || user.username || user.primaryEmail || user.primaryPhone || user.id;
}

// A password field with Show/Hide and "Generate" (fills a strong password and shows it).
export function passwordField(label, { hint, required = false } = {}) {
  const input = textInput({ type: 'password', name: 'password', autocomplete: 'new-password' });
  const toggle = revealToggle(input, label);
  const generate = button(
    t('users.add.generate'),
    () => {
      input.value = generatePassword();
      input.type = 'text';
      toggle.textContent = t('ui.hide');
      toggle.setAttribute('aria-pressed', 'true');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.focus();
      input.select();
    },
    {
      kind: 'secondary',
      title: t('users.add.generate_label'),
      'aria-label': t('users.add.generate_label'),
    },
  );
  const f = field(label, input, { hint, required });
  // The input and its buttons on one row, the label, hint and error around them.
  const row = h('div', { class: 'copy-row' });
  input.replaceWith(row);
  row.append(input, toggle, generate);
  return f;
}

function handOver(user, password, navigate) {
  const identifier = user.username || user.primaryEmail || user.primaryPhone || user.id;
  // Closing the dialog, by its button, × or Escape, opens the new user's page.
  const open = () => m.close();
  const m = modal({
    title: t('users.done.title'),
    content: h(
      'div',
      { class: 'stack', 'data-testid': 'user-handover' },
      h('p', {}, password ? t('users.done.text') : t('users.done.no_password')),
      copyField(t('users.done.identifier'), identifier, { testId: 'handover-identifier' }),
      password
        ? copyField(t('users.done.password'), password, { testId: 'handover-password' })
        : null,
    ),
    actions: [button(t('users.done.open'), open, { kind: 'primary', autofocus: true })],
    onClose: () => navigate(`/console/users/${encodeURIComponent(user.id)}`),
  });
}

export function openAddUser({ navigate }) {
  const fields = {
    username: field(
      t('users.add.username'),
      textInput({ name: 'username', autocomplete: 'off', autofocus: true }),
    ),
    primaryEmail: field(
      t('users.add.email'),
      textInput({ type: 'email', name: 'primaryEmail', placeholder: 'user@example.com' }),
    ),
    primaryPhone: field(
      t('users.add.phone'),
      textInput({ type: 'tel', name: 'primaryPhone', placeholder: '+81 90 1234 5678' }),
    ),
    name: field(t('users.add.name'), textInput({ name: 'name' })),
    password: passwordField(t('users.add.password'), { hint: t('users.add.password_hint') }),
  };
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('users.add.submit'), null, { kind: 'primary', type: 'submit' });
  const cancel = button(t('ui.cancel'), () => m.close());
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      oninput: (e) =>
        Object.values(fields)
          .find((f) => f.input === e.target)
          ?.setError(''),
      onsubmit: async (e) => {
        e.preventDefault();
        formError.hidden = true;
        Object.values(fields).forEach((f) => f.setError(''));
        const body = {};
        for (const [key, f] of Object.entries(fields)) {
          const value = key === 'password' ? f.input.value : f.input.value.trim();
          if (value) body[key] = key === 'primaryPhone' ? value.replace(/[\s()-]/g, '') : value;
        }
        if (!body.username && !body.primaryEmail && !body.primaryPhone) {
          fields.username.setError(t('users.add.need_identifier'));
          fields.username.input.focus();
          return;
        }
        submit.disabled = true;
        try {
          const { data } = await post('/users', body);
          m.close();
          toast(t('users.add.created', { name: displayName(data) }));
          handOver(data, body.password, navigate);
        } catch (error) {
          showSaveError(error, fieldFor(error, fields), formError);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('p', { class: 'muted' }, t('users.add.intro')),
    Object.values(fields),
    formError,
    h('div', { class: 'row' }, h('span', { class: 'spacer' }), cancel, submit),
  );
  const m = modal({ title: t('users.add.title'), content: form });
  fields.username.input.focus();
  return m;
}

// The first cell: an initial, the name as the row's link, the email and phone below it.
function userCell(user, href) {
  const sub = [user.primaryEmail, user.primaryPhone].filter(Boolean).join(' · ');
  const main = displayName(user);
  return h(
    'span',
    { class: 'user-cell' },
    h(
      'span',
      { class: 'user-avatar', 'aria-hidden': 'true' },
      String(main).slice(0, 1).toUpperCase(),
    ),
    h(
      'span',
      {},
      link(main, href, { class: 'user-main' }),
      sub && sub !== main ? h('span', { class: 'user-sub' }, sub) : null,
    ),
  );
}

export default async function users(view, ctx) {
  ctx.setTitle(t('users.title'));
  let search = ctx.query.get('search') ?? '';
  let page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const area = h('div', { class: 'users-area' });
  const searchInput = textInput({
    type: 'search',
    name: 'search',
    value: search,
    placeholder: t('users.search'),
    'aria-label': t('users.search_label'),
  });
  const add = () => openAddUser({ navigate: ctx.navigate });
  view.append(
    pageHeader(t('users.title'), {
      subtitle: t('users.subtitle'),
      actions: [button(t('users.add'), add, { kind: 'primary' })],
    }),
    h('div', { class: 'toolbar', role: 'search' }, searchInput),
    area,
  );

  const urlFor = (s, p) => {
    const q = new URLSearchParams();
    if (s) q.set('search', s);
    if (p > 1) q.set('page', String(p));
    const text = q.toString();
    return `/console/users${text ? `?${text}` : ''}`;
  };

  let seq = 0;
  async function load() {
    const mine = ++seq;
    replace(area, loading());
    let result;
    try {
      result = await get('/users', { search, page, page_size: PAGE_SIZE });
    } catch (error) {
      if (mine === seq) replace(area, errorState(error, load));
      return;
    }
    if (mine !== seq) return;
    const list = result.data ?? [];
    const total = result.total ?? list.length;
    if (!list.length && page > 1 && total > 0) {
      page = Math.max(1, Math.ceil(total / PAGE_SIZE));
      history.replaceState(null, '', urlFor(search, page));
      load();
      return;
    }
    if (!list.length) {
      replace(
        area,
        search
          ? emptyState({
              title: t('users.no_results', { q: search }),
              text: t('users.no_results_text'),
              action: button(t('users.clear_search'), () => {
                searchInput.value = '';
                setSearch('');
                searchInput.focus();
              }),
            })
          : emptyState({
              title: t('users.empty_title'),
              text: t('users.empty_text'),
              action: button(t('users.add'), add, { kind: 'primary' }),
            }),
      );
      return;
    }
    const href = (u) => `/console/users/${encodeURIComponent(u.id)}`;
    replace(
      area,
      table(
        [
          { label: t('users.col.user'), render: (u) => userCell(u, href(u)) },
          { label: t('users.col.id'), render: (u) => h('span', { class: 'mono' }, u.id) },
          {
            label: t('users.col.status'),
            render: (u) => (u.isSuspended ? badge(t('users.suspended'), 'danger') : ''),
          },
          {
            label: t('users.col.last_sign_in'),
            render: (u) =>
              u.lastSignInAt
                ? formatTime(u.lastSignInAt)
                : h('span', { class: 'muted' }, t('users.never')),
          },
          { label: t('users.col.created'), render: (u) => formatTime(u.createdAt) },
        ],
        list,
        { onOpen: (u) => ctx.navigate(href(u)), caption: t('users.caption') },
      ),
      total > PAGE_SIZE
        ? pager({ page, pageSize: PAGE_SIZE, total, go: (p) => ctx.navigate(urlFor(search, p)) })
        : null,
    );
  }

  function setSearch(value) {
    if (value === search) return;
    search = value;
    page = 1;
    history.replaceState(null, '', urlFor(search, page));
    load();
  }

  let timer = null;
  searchInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => setSearch(searchInput.value.trim()), 300);
  });
  searchInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      setSearch(searchInput.value.trim());
    }
  });

  await load();
  return () => clearTimeout(timer);
}
