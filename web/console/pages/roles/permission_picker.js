// Permissions picked from the API resources: a tree of resources, each with its permissions
// (scopes) as checkboxes and one box for all of them. Used by "Create role" and by a role's
// "Assign permissions". Returns { el, selected() → scope ids, count() }.
import { h, replace, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get } from '../../lib/api.js';
import { errorText } from '../../lib/ui.js';
import { resourceAllowed } from './role_kinds.js';

// Every API resource with its scopes (GET /api/resources carries them), at most 100.
async function loadResources() {
  const { data } = await get('/resources', { page_size: 100 });
  return data ?? [];
}

// One resource: a group box whose legend checks or clears every open scope below it.
function resourceGroup(resource, held, boxes, onChange) {
  const open = resource.scopes.filter((s) => !held.has(s.id));
  const all = h('input', { type: 'checkbox', disabled: !open.length });
  const scopeBoxes = resource.scopes.map((scope) => {
    const id = uid('perm');
    const box = h('input', {
      type: 'checkbox',
      id,
      value: scope.id,
      checked: held.has(scope.id),
      disabled: held.has(scope.id),
    });
    if (!held.has(scope.id)) boxes.push(box);
    return h(
      'li',
      {},
      h(
        'label',
        { class: 'check', for: id },
        box,
        h('code', {}, scope.name),
        scope.description ? h('span', { class: 'muted small' }, scope.description) : null,
      ),
    );
  });
  const sync = () => {
    const mine = scopeBoxes.map((li) => li.querySelector('input')).filter((b) => !b.disabled);
    const on = mine.filter((b) => b.checked).length;
    all.checked = mine.length > 0 && on === mine.length;
    all.indeterminate = on > 0 && on < mine.length;
    onChange();
  };
  all.addEventListener('change', () => {
    for (const li of scopeBoxes) {
      const box = li.querySelector('input');
      if (!box.disabled) box.checked = all.checked;
    }
    sync();
  });
  const list = h('ul', { class: 'plain perm-scopes', onchange: sync }, scopeBoxes);
  const count = t('perm_picker.count', { n: resource.scopes.length });
  return h(
    'fieldset',
    { class: 'perm-group' },
    h(
      'legend',
      {},
      h(
        'label',
        { class: 'check' },
        all,
        h('strong', {}, resource.name),
        h('span', { class: 'muted small' }, ` ${resource.indicator} · ${count}`),
      ),
    ),
    resource.scopes.length ? list : h('p', { class: 'muted small' }, t('perm_picker.no_scopes')),
  );
}

// `type`: the role's type (User roles never see the management API); `held`: scope ids the
// role has already (shown checked, not selectable); onChange(count) follows every click.
export function permissionPicker({ type, held = new Set(), onChange = () => {} }) {
  const el = h('div', { class: 'perm-picker' }, h('p', { class: 'loading' }, t('ui.loading')));
  const boxes = [];
  const selected = () => boxes.filter((b) => b.checked).map((b) => b.value);
  const changed = () => onChange(selected().length);
  loadResources().then(
    (resources) => {
      const shown = resources.filter((r) => resourceAllowed(r, type));
      const withScopes = shown.filter((r) => r.scopes?.length);
      if (!withScopes.length) {
        replace(
          el,
          h('p', { class: 'muted', 'data-testid': 'no-permissions' }, t('perm_picker.empty')),
        );
        return;
      }
      replace(
        el,
        withScopes.map((r) => resourceGroup(r, held, boxes, changed)),
      );
    },
    (error) => replace(el, h('p', { class: 'form-error', role: 'alert' }, errorText(error))),
  );
  return { el, selected, count: () => selected().length };
}
