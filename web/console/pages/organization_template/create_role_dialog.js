// "Create organization role": name, description, type (User or Machine-to-machine) and the
// organization permissions it starts with; POSTs /api/organization-roles and hands the role to
// onCreated(role). API permissions are assigned on the role's page.
import { h, replace, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get, post } from '../../lib/api.js';
import { button, errorText, field, modal, showSaveError, textInput } from '../../lib/ui.js';
import { M2M, USER, fieldOfError, orgTypeLabel } from '../organizations/org_kinds.js';

function typeChoice(onPick) {
  const name = uid('type');
  const option = (type) => {
    const id = uid('radio');
    return h(
      'label',
      { class: 'check', for: id },
      h('input', { type: 'radio', id, name, value: type, checked: type === USER }),
      orgTypeLabel(type),
    );
  };
  return h(
    'fieldset',
    { class: 'radio-group', onchange: (e) => onPick(e.target.value) },
    h('legend', {}, t('org_roles.type')),
    option(USER),
    option(M2M),
  );
}

// The organization permissions as checkboxes (up to 100); { el, selected() }.
export function orgScopeChecks(held = new Set()) {
  const list = h('ul', { class: 'plain pick-list', 'aria-label': t('org_roles.org_permissions') });
  replace(list, h('li', { class: 'loading' }, t('ui.loading')));
  get('/organization-scopes', { page: 1, page_size: 100 }).then(
    ({ data }) => {
      const scopes = data ?? [];
      if (!scopes.length) {
        replace(list, h('li', { class: 'muted' }, t('org_roles.no_org_permissions')));
        return;
      }
      replace(
        list,
        scopes.map((s) => {
          const id = uid('orgscope');
          const box = h('input', {
            type: 'checkbox',
            id,
            value: s.id,
            checked: held.has(s.id),
            disabled: held.has(s.id),
          });
          return h(
            'li',
            {},
            h(
              'label',
              { class: 'check', for: id },
              box,
              h('code', {}, s.name),
              s.description ? h('span', { class: 'muted small' }, ` ${s.description}`) : null,
            ),
          );
        }),
      );
    },
    (error) => replace(list, h('li', { class: 'form-error' }, errorText(error))),
  );
  const selected = () =>
    [...list.querySelectorAll('input:checked:not(:disabled)')].map((b) => b.value);
  return { el: list, selected };
}

export function openCreateOrgRole(onCreated) {
  const fields = {
    name: field(
      t('org_roles.name'),
      textInput({ name: 'name', maxlength: '128', placeholder: t('org_roles.name_placeholder') }),
      { required: true },
    ),
    description: field(
      t('org_roles.description'),
      textInput({
        name: 'description',
        maxlength: '256',
        placeholder: t('org_roles.description_placeholder'),
      }),
    ),
  };
  let type = USER;
  const scopes = orgScopeChecks();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('org_roles.create_submit'), null, { kind: 'primary', type: 'submit' });

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const name = fields.name.input.value.trim();
    if (!name) {
      fields.name.setError(t('ui.required'));
      fields.name.input.focus();
      return;
    }
    const description = fields.description.input.value.trim();
    const body = { name, type, organizationScopeIds: scopes.selected() };
    if (description) body.description = description;
    submit.disabled = true;
    try {
      const { data } = await post('/organization-roles', body);
      m.close();
      onCreated(data);
    } catch (error) {
      showSaveError(error, fieldOfError(error, fields), formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    h('p', { class: 'muted' }, t('org_roles.create_intro')),
    fields.name,
    fields.description,
    typeChoice((next) => {
      type = next;
    }),
    h(
      'div',
      { class: 'field' },
      h('span', { class: 'label' }, t('org_roles.org_permissions')),
      scopes.el,
    ),
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('org_roles.create_title'), content: form, wide: true });
  fields.name.input.focus();
  return m;
}
