// A user's Organizations tab: the organizations the user belongs to, with the organization roles
// held in each (GET /api/users/:id/organizations); each links to the organization's Members tab.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { errorState, link, loading, table } from '../../lib/ui.js';
import { orgHref, roleBadges } from '../organizations/org_kinds.js';
import { displayName } from '../users/user_names.js';

export async function userOrganizationsTab(state) {
  const area = h('div', {}, loading());
  const columns = [
    { label: t('user_orgs.col.name'), render: (o) => link(o.name, orgHref(o, 'members')) },
    { label: t('user_orgs.col.id'), render: (o) => h('span', { class: 'mono' }, o.id) },
    { label: t('user_orgs.col.roles'), render: (o) => roleBadges(o.organizationRoles) },
  ];
  async function load() {
    let list;
    try {
      ({ data: list } = await get(`/users/${encodeURIComponent(state.user.id)}/organizations`));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!list?.length) {
      const name = displayName(state.user);
      replace(
        area,
        h(
          'p',
          { class: 'muted', 'data-testid': 'user-orgs-empty' },
          t('user_orgs.empty', { name }),
        ),
      );
      return;
    }
    replace(area, table(columns, list, { caption: t('user_orgs.title') }));
  }
  await load();
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('user_orgs.title')),
    h('p', { class: 'muted' }, t('user_orgs.hint')),
    area,
  );
}
