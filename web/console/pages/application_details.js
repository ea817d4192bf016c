// Application details: the settings (name, description, redirect URIs, CORS origins, third
// party), the endpoints and credentials an integration needs (App ID, App Secret with rotation,
// the OpenID Provider's endpoints), how a confidential app authenticates, the integration guide
// and the danger zone. The console's own
// application (latch-console) is shown read-only: Latch manages it. A machine-to-machine app has
// a second tab, Roles (its M2M roles: assign, remove). The cards live in applications/ and share
// `state.app`, the application as the API last returned it. A SAML app has its own page
// (saml_app/details.js).
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { loadStatus } from '../lib/auth.js';
import { badge, errorState, link, loading, pageHeader, tabs } from '../lib/ui.js';
import { heldRolesCard } from './roles/held_roles.js';
import { frameworks } from '../guides/frameworks.js';
import {
  ACCOUNT_APP_ID,
  appHref,
  guideHref,
  isBuiltin,
  typeLabel,
} from './applications/app_kinds.js';
import { clientAuthCard } from './applications/client_auth_card.js';
import { credentialsCard } from './applications/credentials_card.js';
import { deleteApplicationZone } from './applications/delete_application.js';
import { applyBadgeColors, frameworkBadge } from './applications/framework_card.js';
import { frameworkFor } from './applications/framework_memory.js';
import { settingsCard } from './applications/settings_card.js';
import { backchannelCard } from './applications/backchannel_card.js';
import { withSecret } from './applications/app_secret.js';
import { samlAppDetails } from './saml_app/details.js';

const back = () => ({ label: t('app.back'), href: '/console/applications' });

// What the note on a built-in application says: which part of Latch signs in with it.
const builtinNote = (id) =>
  id === ACCOUNT_APP_ID ? 'app.builtin_note_account' : 'app.builtin_note';

function header(app, builtin, href) {
  const created = app.createdAt
    ? h('span', { class: 'muted' }, t('app.created', { time: formatTime(app.createdAt) }))
    : null;
  const subtitle = h(
    'span',
    { class: 'app-meta' },
    badge(typeLabel(app.type), 'brand'),
    builtin ? badge(t('app.builtin'), 'warn') : null,
    h('span', {}, `${t('app.app_id')}: `, h('code', { class: 'mono' }, app.id)),
    created,
  );
  const actions = builtin ? [] : [link(t('app.guide'), href, { class: 'btn btn-secondary' })];
  return pageHeader(app.name, { back: back(), subtitle, actions });
}

// A link to the framework's integration guide.
function guideCard(framework, href) {
  if (!framework) return null;
  applyBadgeColors();
  const title = link(`${t('app.guide')}: ${framework.name}`, href);
  return h(
    'section',
    { class: 'card guide-link-card' },
    h(
      'div',
      { class: 'row' },
      frameworkBadge(framework),
      h(
        'div',
        {},
        h('h2', { class: 'card-title tight' }, title),
        h('p', { class: 'muted small' }, t('app.guide_text', { framework: framework.name })),
      ),
    ),
  );
}

const M2M = 'MachineToMachine';

// Settings and Roles, for a machine-to-machine app.
function tabNav(app, current) {
  const items = [
    { label: t('app.tab.settings'), href: appHref(app.id), active: current !== 'roles' },
    { label: t('app.tab.roles'), href: `${appHref(app.id)}/roles`, active: current === 'roles' },
  ];
  return tabs(items, t('app.tabs'));
}

async function rolesTab(app) {
  const holder = {
    path: `/applications/${encodeURIComponent(app.id)}/roles`,
    type: M2M,
    exclude: { excludeApplicationId: app.id },
    name: app.name,
    hint: 'held_roles.hint_app',
  };
  return heldRolesCard(holder);
}

export default async function applicationDetails(view, ctx) {
  const state = { app: null };
  let status;

  async function load() {
    replace(view, loading());
    try {
      [{ data: state.app }, status] = await Promise.all([
        get(`/applications/${encodeURIComponent(ctx.params.id)}`),
        loadStatus(),
      ]);
      state.app = await withSecret(state.app);
    } catch (error) {
      replace(view, pageHeader(t('app.back'), { back: back() }), errorState(error, load));
      return;
    }
    if (state.app.type === 'SAML') {
      await samlAppDetails(view, ctx, state.app);
      return;
    }
    if (ctx.params.tab && (ctx.params.tab !== 'roles' || state.app.type !== M2M)) {
      ctx.navigate(appHref(state.app.id), { replace: true });
      return;
    }
    if (ctx.params.tab === 'roles') {
      ctx.setTitle(state.app.name);
      const builtin = isBuiltin(state.app.id);
      const href = guideHref(state.app.id, frameworkFor(state.app));
      replace(view, header(state.app, builtin, href), tabNav(state.app, 'roles'), loading());
      view.lastChild.replaceWith(await rolesTab(state.app));
      return;
    }
    draw();
  }

  function draw() {
    const { app } = state;
    ctx.setTitle(app.name);
    const builtin = isBuiltin(app.id);
    const frameworkId = frameworkFor(app);
    const framework = frameworks.find((f) => f.id === frameworkId);
    const href = guideHref(app.id, frameworkId);
    replace(
      view,
      header(app, builtin, href),
      app.type === M2M ? tabNav(app, 'settings') : null,
      builtin ? h('p', { class: 'note', role: 'note' }, t(builtinNote(app.id))) : null,
      builtin ? null : guideCard(framework, href),
      settingsCard(state, ctx, { readOnly: builtin, onSaved: draw }),
      builtin || app.type === M2M ? null : backchannelCard(state, ctx, { onSaved: draw }),
      credentialsCard(state, status, builtin),
      clientAuthCard(state, ctx, { readOnly: builtin, onSaved: draw }),
      builtin ? null : deleteApplicationZone(state, ctx),
    );
  }

  await load();
}
