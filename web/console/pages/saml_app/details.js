// A SAML application's page (application_details.js hands SAML apps here): a header (name,
// type, App ID, Delete after a confirmation) and two tabs, each its own URL: Settings (the
// service provider's settings, the IdP metadata, the signing certificates) and Attribute
// mappings. The tabs share `state.saml`, GET /api/saml-applications/:id as last returned.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get } from '../../lib/api.js';
import {
  badge,
  busy,
  button,
  confirmDialog,
  errorState,
  pageHeader,
  tabs,
  toast,
} from '../../lib/ui.js';
import { appHref, typeLabel } from '../applications/app_kinds.js';
import { attributeMappingTab } from './attribute_mapping_tab.js';
import { samlPath } from './saml_kinds.js';
import { settingsTab } from './settings_tab.js';

const TABS = { settings: settingsTab, 'attribute-mapping': attributeMappingTab };
const back = () => ({ label: t('app.back'), href: '/console/applications' });

function deleteButton(state, ctx) {
  const btn = button(
    t('samlapp.delete'),
    async () => {
      const { name } = state.saml;
      const ok = await confirmDialog({
        title: t('samlapp.delete_title'),
        message: t('samlapp.delete_body', { name }),
      });
      if (!ok) return;
      await busy(btn, async () => {
        await del(samlPath(state.saml.id));
        ctx.setDirty(false);
        toast(t('samlapp.deleted', { name }));
        ctx.navigate('/console/applications', { replace: true });
      });
    },
    { kind: 'danger' },
  );
  return btn;
}

export async function samlAppDetails(view, ctx, app) {
  const state = { saml: null };
  try {
    ({ data: state.saml } = await get(samlPath(app.id)));
  } catch (error) {
    replace(
      view,
      pageHeader(app.name, { back: back() }),
      errorState(error, () => ctx.reload()),
    );
    return;
  }
  const tab = ctx.params.tab ?? 'settings';
  if (!TABS[tab]) {
    ctx.navigate(appHref(app.id), { replace: true });
    return;
  }
  const header = h('div');
  const drawHeader = () => {
    ctx.setTitle(state.saml.name);
    const subtitle = h(
      'span',
      { class: 'app-meta' },
      badge(typeLabel('SAML'), 'brand'),
      h('span', {}, `${t('app.app_id')}: `, h('code', { class: 'mono' }, state.saml.id)),
    );
    replace(
      header,
      pageHeader(state.saml.name, { back: back(), subtitle, actions: [deleteButton(state, ctx)] }),
    );
  };
  drawHeader();
  const items = Object.keys(TABS).map((key) => ({
    label: t(`samlapp.tab.${key}`),
    href: key === 'settings' ? appHref(app.id) : `${appHref(app.id)}/${key}`,
    active: key === tab,
  }));
  replace(
    view,
    header,
    tabs(items, t('samlapp.tabs')),
    await TABS[tab](state, ctx, { onSaved: drawHeader }),
  );
}
