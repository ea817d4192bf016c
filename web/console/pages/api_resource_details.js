// One API resource: its settings (name, token expiration, default API), its permissions
// (scopes), how an application asks for it, and deletion. The built-in management API is
// shown read-only.
import { append, h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { del, get, patch, post } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import {
  badge,
  busy,
  button,
  card,
  confirmDialog,
  copyField,
  emptyState,
  field,
  link,
  modal,
  pageHeader,
  showSaveError,
  table,
  textInput,
  toast,
} from '../lib/ui.js';
import { richText } from '../lib/dom.js';
import { isBuiltIn } from './api_resources.js';

export default async function apiResourceDetails(view, ctx) {
  let resource;
  try {
    ({ data: resource } = await get(`/resources/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status === 404) {
      view.append(
        pageHeader(t('resource.back'), {
          back: { label: t('resource.back'), href: '/console/api-resources' },
        }),
        emptyState({
          title: t('resource.not_found'),
          action: link(t('resource.back'), '/console/api-resources'),
        }),
      );
      return undefined;
    }
    throw error;
  }
  const builtIn = isBuiltIn(resource);
  const path = `/resources/${encodeURIComponent(resource.id)}`;
  const header = h('div');
  const usageArea = h('div');
  const scopesArea = h('div');
  let scopes = resource.scopes ?? [];

  function drawHeader() {
    ctx.setTitle(resource.name);
    replace(
      header,
      pageHeader(resource.name, {
        back: { label: t('resource.back'), href: '/console/api-resources' },
        subtitle:
          builtIn || resource.isDefault
            ? h(
                'span',
                { class: 'badges' },
                builtIn ? badge(t('resources.builtin'), 'brand') : null,
                resource.isDefault ? badge(t('resource.default'), 'ok') : null,
              )
            : null,
      }),
    );
  }

  function drawUsage() {
    const names = scopes.map((s) => s.name);
    replace(
      usageArea,
      h(
        'p',
        {},
        richText(
          t('resource.usage_text', {
            indicator: resource.indicator,
            scopes: `scope=openid ${names.slice(0, 2).join(' ') || 'read:example'}`,
          }),
        ),
      ),
    );
  }

  // Settings
  const nameField = field(
    t('resource.name'),
    textInput({ name: 'name', value: resource.name, maxlength: '256', disabled: builtIn }),
    { required: true },
  );
  const ttlField = field(
    t('resource.ttl'),
    textInput({
      name: 'accessTokenTtl',
      type: 'number',
      min: '60',
      max: '2592000',
      step: '1',
      value: String(resource.accessTokenTtl ?? 3600),
      disabled: builtIn,
    }),
    { hint: t('resource.ttl_hint') },
  );
  const defaultBox = h('input', {
    type: 'checkbox',
    name: 'isDefault',
    checked: Boolean(resource.isDefault),
    disabled: builtIn,
    role: 'switch',
    'aria-describedby': 'resource-default-hint',
  });
  const defaultField = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check' }, defaultBox, t('resource.default')),
    h('p', { class: 'hint', id: 'resource-default-hint' }, t('resource.default_hint')),
  );
  const settingsError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('resource.save'), null, {
    kind: 'primary',
    type: 'submit',
    disabled: builtIn,
  });
  const settingsForm = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      oninput: (e) => {
        [nameField, ttlField].find((f) => f.input === e.target)?.setError('');
        ctx.setDirty(!builtIn);
      },
      onsubmit: async (e) => {
        e.preventDefault();
        if (builtIn) return;
        settingsError.hidden = true;
        nameField.setError('');
        ttlField.setError('');
        const name = nameField.input.value.trim();
        const ttlText = ttlField.input.value.trim();
        if (!name) {
          nameField.setError(t('ui.required'));
          nameField.input.focus();
          return;
        }
        if (!/^\d+$/.test(ttlText)) {
          ttlField.setError(t('resource.ttl_invalid'));
          ttlField.input.focus();
          return;
        }
        save.disabled = true;
        try {
          const { data } = await patch(path, {
            name,
            accessTokenTtl: Number(ttlText),
            isDefault: defaultBox.checked,
          });
          resource = { ...resource, ...data };
          scopes = resource.scopes ?? scopes;
          ctx.setDirty(false);
          drawHeader();
          toast(t('resource.saved'));
        } catch (error) {
          const fields = { name: nameField, accessTokenTtl: ttlField };
          showSaveError(error, fieldFor(error, fields), settingsError);
        } finally {
          save.disabled = builtIn;
        }
      },
    },
    copyField(t('resource.identifier'), resource.indicator, { testId: 'resource-indicator' }),
    nameField,
    ttlField,
    defaultField,
    settingsError,
    builtIn ? null : h('div', { class: 'row' }, save),
  );

  // Permissions
  function drawScopes() {
    drawUsage();
    if (!scopes.length) {
      replace(
        scopesArea,
        h(
          'p',
          { class: 'muted', 'data-testid': 'permissions-empty' },
          t('resource.permissions_empty'),
        ),
      );
      return;
    }
    const columns = [
      { label: t('resource.col.name'), render: (s) => h('code', {}, s.name) },
      { label: t('resource.col.description'), render: (s) => s.description || '' },
    ];
    if (!builtIn) {
      columns.push({
        label: t('resource.col.actions'),
        class: 'cell-actions',
        render: (s) =>
          button(t('ui.delete'), (e) => deleteScope(s, e.currentTarget), {
            kind: 'text',
            'aria-label': t('resource.perm.delete_label', { name: s.name }),
          }),
      });
    }
    replace(scopesArea, table(columns, scopes, { caption: t('resource.permissions') }));
  }

  async function deleteScope(scope, btn) {
    const ok = await confirmDialog({
      title: t('resource.perm.delete_title'),
      message: t('resource.perm.delete_body', { name: scope.name }),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`${path}/scopes/${encodeURIComponent(scope.id)}`);
      scopes = scopes.filter((s) => s.id !== scope.id);
      drawScopes();
      toast(t('resource.perm.deleted', { name: scope.name }));
    });
  }

  function openCreatePermission() {
    const name = field(
      t('resource.perm.name'),
      textInput({
        name: 'name',
        class: 'input mono',
        placeholder: 'read:books',
        autofocus: true,
        maxlength: '256',
      }),
      { required: true, hint: t('resource.perm.name_hint') },
    );
    const description = field(
      t('resource.perm.description'),
      textInput({ name: 'description', placeholder: t('resource.perm.description_placeholder') }),
    );
    const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = button(t('resource.perm.submit'), null, { kind: 'primary', type: 'submit' });
    const form = h(
      'form',
      {
        class: 'stack',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          name.setError('');
          formError.hidden = true;
          const body = { name: name.input.value.trim() };
          const text = description.input.value.trim();
          if (text) body.description = text;
          if (!body.name) {
            name.setError(t('ui.required'));
            name.input.focus();
            return;
          }
          submit.disabled = true;
          try {
            const { data } = await post(`${path}/scopes`, body);
            scopes = [...scopes, data];
            m.close();
            drawScopes();
            toast(t('resource.perm.created', { name: data.name }));
          } catch (error) {
            showSaveError(error, fieldFor(error, { name }), formError);
          } finally {
            submit.disabled = false;
          }
        },
      },
      name,
      description,
      formError,
      h(
        'div',
        { class: 'row' },
        h('span', { class: 'spacer' }),
        button(t('ui.cancel'), () => m.close()),
        submit,
      ),
    );
    const m = modal({ title: t('resource.create_permission'), content: form });
    name.input.focus();
  }

  async function deleteResource(btn) {
    const ok = await confirmDialog({
      title: t('resource.delete_title'),
      message: t('resource.delete_body', { name: resource.name, indicator: resource.indicator }),
      confirmLabel: t('resource.delete'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(path);
      ctx.setDirty(false);
      toast(t('resource.deleted', { name: resource.name }));
      ctx.navigate('/console/api-resources', { replace: true });
    });
  }

  drawHeader();
  drawScopes();
  const deleteButton = button(t('resource.delete'), () => deleteResource(deleteButton), {
    kind: 'danger',
  });
  append(view, [
    header,
    builtIn ? h('p', { class: 'note', role: 'note' }, t('resource.builtin_note')) : null,
    h(
      'div',
      { class: 'grid-2 resource-grid' },
      card(t('resource.settings'), settingsForm),
      card(t('resource.usage'), usageArea),
    ),
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'row card-title-row' },
        h('h2', { class: 'card-title' }, t('resource.permissions')),
        h('span', { class: 'spacer' }),
        builtIn
          ? null
          : button(t('resource.create_permission'), openCreatePermission, { kind: 'primary' }),
      ),
      h('p', { class: 'muted' }, richText(t('resource.permissions_hint'))),
      scopesArea,
    ),
    builtIn
      ? null
      : h(
          'section',
          { class: 'card danger-zone' },
          h('h2', { class: 'card-title' }, t('resource.danger')),
          h(
            'div',
            { class: 'row' },
            h('p', { class: 'muted' }, t('resource.delete_text')),
            h('span', { class: 'spacer' }),
            deleteButton,
          ),
        ),
  ]);
  return () => ctx.setDirty(false);
}
