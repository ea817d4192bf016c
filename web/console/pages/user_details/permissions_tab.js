// A user's Permissions tab: what the user's roles grant (GET /api/users/:id/scopes), per API
// resource, with the role or roles granting each permission; narrowed to one API resource and
// to a permission name, so "why can't Alice do X?" has an answer: which role gives X, or none.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { card, errorState, link, loading, table } from '../../lib/ui.js';
import { selectInput } from '../../components/controls.js';
import { roleHref } from '../roles/role_kinds.js';
import { displayName } from '../users/user_names.js';

const rolesCell = (scope) =>
  h(
    'span',
    { class: 'badges' },
    scope.roles.map((r, i) => [i ? ', ' : null, link(r.name, roleHref(r))]),
  );

// The permissions grouped by resource, in the order the API gave them.
function byResource(scopes) {
  const groups = new Map();
  for (const scope of scopes) {
    const key = scope.resource?.id ?? scope.resourceId;
    if (!groups.has(key)) groups.set(key, { resource: scope.resource, scopes: [] });
    groups.get(key).scopes.push(scope);
  }
  return [...groups.values()];
}

function resourceTable({ resource, scopes }) {
  const columns = [
    { label: t('user.perms.col.permission'), render: (s) => h('code', {}, s.name) },
    { label: t('user.perms.col.description'), render: (s) => s.description || '' },
    { label: t('user.perms.col.granted_by'), render: rolesCell },
  ];
  const title = resource
    ? [resource.name, h('span', { class: 'muted small mono' }, ` ${resource.indicator}`)]
    : '';
  return h(
    'section',
    { class: 'perm-resource', 'data-testid': 'effective-resource' },
    h('h3', {}, title),
    table(columns, scopes, { caption: resource?.name }),
  );
}

export async function userPermissionsTab(state) {
  const name = displayName(state.user);
  const path = `/users/${encodeURIComponent(state.user.id)}/scopes`;
  const area = h('div', {}, loading());
  let resource = '';
  const filter = h('input', {
    type: 'search',
    class: 'input',
    placeholder: t('user.perms.filter'),
    'aria-label': t('user.perms.filter'),
  });
  let scopes = [];

  function draw() {
    const q = filter.value.trim().toLowerCase();
    const shown = scopes.filter((s) => !q || s.name.toLowerCase().includes(q));
    if (shown.length) {
      replace(area, byResource(shown).map(resourceTable));
    } else if (q) {
      replace(
        area,
        h(
          'p',
          { class: 'note', 'data-testid': 'effective-none' },
          t('user.perms.none_match', { name, q: filter.value.trim() }),
        ),
      );
    } else {
      replace(
        area,
        h(
          'p',
          { class: 'muted', 'data-testid': 'effective-none' },
          t('user.perms.empty', { name }),
        ),
      );
    }
  }
  async function load() {
    replace(area, loading());
    try {
      ({ data: scopes } = await get(path, { resource }));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    draw();
  }
  filter.addEventListener('input', draw);

  const resources =
    (await get('/resources', { page_size: 100 }).catch(() => ({ data: [] }))).data ?? [];
  const options = [{ value: '', label: t('user.perms.all_resources') }].concat(
    resources.map((r) => ({ value: r.id, label: r.name })),
  );
  const picker = selectInput(
    options,
    '',
    (value) => {
      resource = value;
      load();
    },
    { 'aria-label': t('user.perms.resource') },
  );
  await load();
  return card(
    t('user.perms.title'),
    h('p', { class: 'muted' }, t('user.perms.hint', { name })),
    h('div', { class: 'toolbar', role: 'search' }, picker, filter),
    area,
  );
}
