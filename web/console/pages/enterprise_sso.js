// Enterprise SSO (Authentication): the SSO connectors of GET /api/sso-connectors with their
// provider and email domains, and "Add enterprise connector" (enterprise_sso/create_dialog.js,
// also at /console/enterprise-sso/create), which opens the new connector's page.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import {
  badge,
  button,
  emptyState,
  errorState,
  loading,
  pageHeader,
  table,
  toast,
} from '../lib/ui.js';
import { openCreateSso } from './enterprise_sso/create_dialog.js';
import { SSO_PATH, ssoHref, ssoLogo } from './enterprise_sso/sso_kinds.js';

function connectorTable(list, onOpen) {
  const columns = [
    {
      label: t('sso.col.name'),
      render: (c) => h('span', { class: 'sso-name' }, ssoLogo(c), c.connectorName),
    },
    { label: t('sso.col.type'), render: (c) => c.name ?? c.providerName },
    {
      label: t('sso.col.domains'),
      render: (c) =>
        c.domains?.length
          ? h(
              'span',
              { class: 'tags' },
              c.domains.map((d) => badge(d)),
            )
          : '-',
    },
  ];
  return table(columns, list, { onOpen, href: (c) => ssoHref(c), caption: t('sso.title') });
}

export default async function enterpriseSso(view, ctx) {
  ctx.setTitle(t('sso.title'));
  const area = h('div', {}, loading());
  const create = () =>
    openCreateSso((connector) => {
      toast(t('sso.created', { name: connector.connectorName }));
      ctx.navigate(ssoHref(connector));
    });
  const header = pageHeader(t('sso.title'), { subtitle: t('sso.subtitle') });
  view.append(header, area);
  const actions = header.querySelector('.actions');

  async function load() {
    replace(area, loading());
    replace(actions);
    let list;
    try {
      ({ data: list } = await get('/sso-connectors'));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    const add = button(t('sso.create'), create, { kind: 'primary' });
    if (!list?.length) {
      replace(
        area,
        emptyState({ title: t('sso.empty_title'), text: t('sso.empty_text'), action: add }),
      );
      return;
    }
    replace(actions, add);
    replace(
      area,
      connectorTable(list, (c) => ctx.navigate(ssoHref(c))),
    );
  }

  await load();
  // /console/enterprise-sso/create: the dialog over the list, which keeps the list's URL.
  if (window.location.pathname.replace(/\/$/, '') === `${SSO_PATH}/create`) {
    history.replaceState(null, '', SSO_PATH);
    create();
  }
  return undefined;
}
