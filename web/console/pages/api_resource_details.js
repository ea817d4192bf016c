// One API resource: its settings (name, token expiration, default API), its permissions
// (scopes) with the roles holding each, how an application asks for it, and deletion. The built-in management API is
// shown read-only. The cards live in api_resources/.
import { append, h, replace, richText } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { del, get } from '../lib/api.js';
import {
  badge,
  busy,
  button,
  card,
  confirmDialog,
  emptyState,
  link,
  pageHeader,
  toast,
} from '../lib/ui.js';
import { dangerZone } from '../components/danger_zone.js';
import { isBuiltIn } from './api_resources/built_in.js';
import { permissionsCard } from './api_resources/permissions_card.js';
import { resourceSettingsForm } from './api_resources/settings_form.js';

const back = () => ({ label: t('resource.back'), href: '/console/api-resources' });

function notFound() {
  return [
    pageHeader(t('resource.back'), { back: back() }),
    emptyState({
      title: t('resource.not_found'),
      action: link(t('resource.back'), '/console/api-resources'),
    }),
  ];
}

function badges(resource, builtIn) {
  if (!builtIn && !resource.isDefault) return null;
  return h(
    'span',
    { class: 'badges' },
    builtIn ? badge(t('resources.builtin'), 'brand') : null,
    resource.isDefault ? badge(t('resource.default'), 'ok') : null,
  );
}

// How an application asks for the resource: its indicator and (up to two of) its scopes.
function usage(resource, scopes) {
  const names = scopes.map((s) => s.name);
  const text = t('resource.usage_text', {
    indicator: resource.indicator,
    scopes: `scope=openid ${names.slice(0, 2).join(' ') || 'read:example'}`,
  });
  return h('p', {}, richText(text));
}

function deleteZone(state, ctx, path) {
  async function remove() {
    const { resource } = state;
    const ok = await confirmDialog({
      title: t('resource.delete_title'),
      message: t('resource.delete_body', { name: resource.name, indicator: resource.indicator }),
      confirmLabel: t('resource.delete'),
    });
    if (!ok) return;
    await busy(deleteButton, async () => {
      await del(path);
      ctx.setDirty(false);
      toast(t('resource.deleted', { name: resource.name }));
      ctx.navigate('/console/api-resources', { replace: true });
    });
  }
  const deleteButton = button(t('resource.delete'), remove, { kind: 'danger' });
  return dangerZone(t('resource.danger'), t('resource.delete_text'), deleteButton);
}

// scope id → the roles holding it (GET /api/resources/:id/scope-roles); empty when unknown.
async function scopeHolders(path) {
  try {
    const { data } = await get(`${path}/scope-roles`);
    return new Map((data ?? []).map((entry) => [entry.scopeId, entry.roles]));
  } catch {
    return new Map();
  }
}

export default async function apiResourceDetails(view, ctx) {
  const state = { resource: null };
  try {
    ({ data: state.resource } = await get(`/resources/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(...notFound());
    return undefined;
  }
  const { resource } = state;
  const builtIn = isBuiltIn(resource);
  const path = `/resources/${encodeURIComponent(resource.id)}`;
  const header = h('div');
  const usageArea = h('div');

  function drawHeader() {
    ctx.setTitle(state.resource.name);
    const subtitle = badges(state.resource, builtIn);
    replace(header, pageHeader(state.resource.name, { back: back(), subtitle }));
  }
  const drawUsage = (scopes) => replace(usageArea, usage(resource, scopes));

  drawHeader();
  const scopes = resource.scopes ?? [];
  const holders = await scopeHolders(path);
  drawUsage(scopes);
  const settings = resourceSettingsForm(state, ctx, { builtIn, onSaved: drawHeader });
  // append() leaves the nulls out (the DOM's view.append would show them as "null").
  append(view, [
    header,
    builtIn ? h('p', { class: 'note', role: 'note' }, t('resource.builtin_note')) : null,
    h(
      'div',
      { class: 'grid-2 resource-grid' },
      card(t('resource.settings'), settings),
      card(t('resource.usage'), usageArea),
    ),
    permissionsCard(path, scopes, { builtIn, holders, onChange: drawUsage }),
    builtIn ? null : deleteZone(state, ctx, path),
  ]);
  return () => ctx.setDirty(false);
}
