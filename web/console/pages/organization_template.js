// Organization template (Authorization): the organization roles and organization permissions
// every organization shares, in two tabs (each its own URL). The tabs live in
// organization_template/.
import { t } from '../lib/i18n.js';
import { pageHeader, tabs } from '../lib/ui.js';
import { permissionsTab } from './organization_template/permissions_tab.js';
import { rolesTab } from './organization_template/roles_tab.js';

const TABS = { 'organization-roles': rolesTab, 'organization-permissions': permissionsTab };

export default async function organizationTemplate(view, ctx) {
  const tab = ctx.params.tab;
  if (!TABS[tab]) {
    ctx.navigate('/console/organization-template/organization-roles', { replace: true });
    return undefined;
  }
  ctx.setTitle(t('org_template.title'));
  const items = Object.keys(TABS).map((key) => ({
    label: t(`org_template.tab.${key}`),
    href: `/console/organization-template/${key}`,
    active: key === tab,
  }));
  view.append(
    pageHeader(t('org_template.title'), { subtitle: t('org_template.subtitle') }),
    tabs(items, t('org_template.tabs')),
    await TABS[tab](ctx),
  );
  return undefined;
}
