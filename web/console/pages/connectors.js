// Connectors: the social connectors (GitHub, Google, Microsoft, OIDC, OAuth 2.0) in a table with
// "Add social connector" (connectors/setup_dialog.js: pick a kind, then its setup guide beside
// its configuration form), and the email and SMS connectors that send verification codes, with
// a test message (connectors/passwordless_tab.js).
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { button, errorState, loading, pageHeader, tabs } from '../lib/ui.js';
import { kindOf } from './connectors/names.js';
import { passwordlessTab } from './connectors/passwordless_tab.js';
import { openAddConnector } from './connectors/setup_dialog.js';
import { socialTab } from './connectors/social_tab.js';

const KINDS = ['social', 'passwordless'];

// The connectors, the factories and the sign-in page's social targets (null when unknown).
async function loadAll() {
  const [c, f, exp] = await Promise.all([
    get('/connectors'),
    get('/connector-factories'),
    get('/sign-in-exp').catch(() => null),
  ]);
  return {
    connectors: c.data ?? [],
    factories: f.data ?? [],
    targets: exp?.data?.socialSignInConnectorTargets ?? null,
  };
}

export default async function connectorsPage(view, ctx) {
  const kind = ctx.params.kind;
  if (!KINDS.includes(kind)) {
    ctx.navigate('/console/connectors/social', { replace: true });
    return undefined;
  }
  ctx.setTitle(`${t(`conn.tab.${kind}`)} · ${t('conn.title')}`);
  const body = h('div', { class: 'connectors-body' }, loading());
  const header = pageHeader(t('conn.title'), { subtitle: t('conn.subtitle') });
  const tabItems = KINDS.map((k) => ({
    label: t(`conn.tab.${k}`),
    href: `/console/connectors/${k}`,
    active: k === kind,
  }));
  view.append(header, tabs(tabItems, t('conn.tabs')), body);
  const actions = header.querySelector('.actions');

  // "Add social connector" in the header once there is a connector (the empty state has one).
  function drawSocial(data) {
    const factories = data.factories.filter((x) => kindOf(x) === 'Social');
    if (data.connectors.some((x) => kindOf(x) === 'Social')) {
      const add = () => openAddConnector({ factories, navigate: ctx.navigate });
      replace(actions, button(t('conn.add_social'), add, { kind: 'primary' }));
    }
    replace(body, socialTab(ctx, data));
  }

  async function load() {
    replace(body, loading());
    replace(actions);
    let data;
    try {
      data = await loadAll();
    } catch (error) {
      replace(body, errorState(error, load));
      return;
    }
    if (kind === 'social') {
      drawSocial(data);
      return;
    }
    const reload = async (slot) => {
      await load();
      body.querySelector(`[data-slot="${slot}"] .btn`)?.focus();
    };
    replace(body, passwordlessTab(data, reload));
  }
  await load();
  return () => document.querySelectorAll('.overlay').forEach((o) => o.remove());
}
