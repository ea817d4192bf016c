// Organization roles of one type as checkboxes (the template's roles, up to 100): used to add
// members, edit a member's roles, pick JIT default roles and invite. Returns { el, selected() →
// ids, ready } where `ready` resolves once the roles are shown.
import { h, replace, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { errorText } from '../../lib/ui.js';
import { USER } from './org_kinds.js';

export async function loadOrgRoles(type) {
  const { data } = await get('/organization-roles', { type, page: 1, page_size: 100 });
  return (data ?? []).filter((r) => !type || r.type === type);
}

function roleRow(role, checked) {
  const id = uid('orgrole');
  return h(
    'li',
    {},
    h(
      'label',
      { class: 'check', for: id },
      h('input', { type: 'checkbox', id, value: role.id, checked }),
      h('strong', {}, role.name),
      role.description ? h('span', { class: 'muted small' }, ` ${role.description}`) : null,
    ),
  );
}

// `held`: ids shown ticked; `label`: the group's accessible name.
export function roleChecks({ type = USER, held = [], label }) {
  const list = h('ul', { class: 'plain pick-list', 'aria-label': label });
  replace(list, h('li', { class: 'loading' }, t('ui.loading')));
  const ready = loadOrgRoles(type).then(
    (roles) => {
      if (!roles.length) {
        replace(list, h('li', { class: 'muted' }, t('orgs.no_template_roles')));
        return;
      }
      const ticked = new Set(held);
      replace(
        list,
        roles.map((r) => roleRow(r, ticked.has(r.id))),
      );
    },
    (error) => replace(list, h('li', { class: 'form-error' }, errorText(error))),
  );
  const selected = () =>
    [...list.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.value);
  return { el: list, selected, ready };
}
