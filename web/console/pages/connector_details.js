// One connector: its ID and callback URL at the top (to paste into the provider's app), its
// configuration (secrets stay ******** unless changed), whether the sign-in page shows it, the
// setup guide, and removal.
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { del, get, patch } from '../lib/api.js';
import {
  badge,
  button,
  confirmDialog,
  copyField,
  errorState,
  errorText,
  link,
  pageHeader,
  toast,
} from '../lib/ui.js';
import { configForm } from './connectors/config_form.js';
import { connectorName, endpoint, kindOf, localName } from './connectors/names.js';
import { connectorGuide } from '../guides/connectors.js';

export default async function connectorDetails(view, ctx) {
  const id = ctx.params.id;
  const listHref = `/console/connectors/${ctx.params.kind === 'passwordless' ? 'passwordless' : 'social'}`;
  let connector;
  let experience = null;
  try {
    const [c, exp] = await Promise.all([
      get(`/connectors/${encodeURIComponent(id)}`),
      get('/sign-in-exp').catch(() => null),
    ]);
    connector = c.data;
    experience = exp?.data ?? null;
  } catch (error) {
    view.append(
      pageHeader(t('cdet.id'), { back: { label: t('cdet.back'), href: listHref } }),
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }
  const social = kindOf(connector) === 'Social';
  const name = connectorName(connector);
  ctx.setTitle(name);
  const base = await endpoint();
  const callback = connector.callbackUri || `${base}/callback/${connector.id}`;

  const header = pageHeader(name, {
    back: { label: t('cdet.back'), href: listHref },
    subtitle: [
      t(`cdet.type.${kindOf(connector)}`),
      localName(connector.name),
      connector.createdAt ? t('cdet.created', { time: formatTime(connector.createdAt) }) : '',
    ]
      .filter((x, i, all) => x && all.indexOf(x) === i)
      .join(' · '),
  });

  // The top bar: what the operator pastes at the provider.
  const topbar = h(
    'section',
    { class: 'card connector-topbar', 'aria-label': t('cdet.id') },
    h(
      'div',
      { class: 'grid-2' },
      copyField(t('cdet.id'), connector.id, { testId: 'connector-id' }),
      social
        ? h(
            'div',
            {},
            copyField(t('cdet.callback'), callback, { testId: 'callback-url' }),
            h(
              'p',
              { class: 'hint' },
              connector.connectorId === 'github-universal'
                ? t('cdet.callback_hint')
                : t('cdet.callback_hint_other', { name: localName(connector.name) }),
            ),
          )
        : null,
    ),
  );

  // Settings.
  const form = configForm(connector.formItems, connector.config, {
    editing: true,
    factoryId: connector.connectorId,
    syncProfile: social && 'syncProfile' in connector ? connector.syncProfile : undefined,
  });
  form.onInput(() => ctx.setDirty(true));
  const save = button(t('cdet.save'), null, { kind: 'primary', type: 'submit' });
  const settings = h(
    'form',
    {
      class: 'card stack',
      novalidate: true,
      'aria-label': t('cdet.settings'),
      onsubmit: async (e) => {
        e.preventDefault();
        if (!form.validate()) return;
        const body = { config: form.values() };
        if (form.syncProfile !== undefined) body.syncProfile = form.syncProfile;
        save.disabled = true;
        try {
          await patch(`/connectors/${encodeURIComponent(connector.id)}`, body);
          ctx.setDirty(false);
          toast(t('cdet.saved'));
        } catch (error) {
          form.showError(error);
        } finally {
          save.disabled = false;
        }
      },
    },
    h('h2', { class: 'card-title' }, t('cdet.settings')),
    connector.target && social
      ? h('p', { class: 'muted small' }, `${t('cdet.target')}: `, h('code', {}, connector.target))
      : null,
    form.el,
    h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
  );

  // Sign-in experience shortcut.
  const usage = h('section', { class: 'card', 'aria-label': t('cdet.usage') });
  function drawUsage() {
    const targets = experience?.socialSignInConnectorTargets ?? [];
    const inUse = targets.includes(connector.target);
    const label = connector.config?.displayName || localName(connector.name);
    const toggle = button(
      inUse ? t('cdet.remove_from_sie') : t('cdet.add_to_sie'),
      async () => {
        toggle.disabled = true;
        try {
          const next = inUse
            ? targets.filter((x) => x !== connector.target)
            : [...targets, connector.target];
          const { data } = await patch('/sign-in-exp', { socialSignInConnectorTargets: next });
          experience = data;
          toast(inUse ? t('cdet.removed_from_sie') : t('cdet.added_to_sie'));
          drawUsage();
          usage.querySelector('button')?.focus();
        } catch (error) {
          toast(errorText(error), 'error');
          toggle.disabled = false;
        }
      },
      { kind: inUse ? 'secondary' : 'primary' },
    );
    replace(
      usage,
      h(
        'h2',
        { class: 'card-title' },
        t('cdet.usage'),
        ' ',
        inUse ? badge(t('conn.in_use'), 'ok') : badge(t('conn.not_in_use')),
      ),
      h('p', { class: 'muted' }, inUse ? t('cdet.in_use', { name: label }) : t('cdet.not_in_use')),
      h(
        'div',
        { class: 'row' },
        experience ? toggle : null,
        link(t('cdet.sie_link'), '/console/sign-in-experience/sign-up-and-sign-in'),
      ),
    );
  }
  if (social) drawUsage();

  const guide = connectorGuide(
    connector.connectorId,
    { endpoint: base, callback },
    connector.readme,
  );
  const remove = button(
    t('cdet.remove'),
    async () => {
      const ok = await confirmDialog({
        title: t('cdet.remove_title', { name }),
        message: t('cdet.remove_body'),
        confirmLabel: t('cdet.remove'),
      });
      if (!ok) return;
      remove.disabled = true;
      try {
        await del(`/connectors/${encodeURIComponent(connector.id)}`);
        const targets = experience?.socialSignInConnectorTargets ?? [];
        if (social && targets.includes(connector.target)) {
          await patch('/sign-in-exp', {
            socialSignInConnectorTargets: targets.filter((x) => x !== connector.target),
          }).catch(() => {});
        }
        ctx.setDirty(false);
        toast(t('cdet.removed'));
        ctx.navigate(listHref);
      } catch (error) {
        toast(errorText(error), 'error');
        remove.disabled = false;
      }
    },
    { kind: 'danger' },
  );

  view.append(
    header,
    topbar,
    h(
      'div',
      { class: 'connector-details' },
      h('div', {}, settings, social ? usage : null),
      guide
        ? h(
            'details',
            { class: 'card connector-guide-card', open: social ? null : true },
            h('summary', {}, h('span', { class: 'card-title' }, t('cdet.guide'))),
            guide,
          )
        : null,
    ),
    h(
      'section',
      { class: 'card danger-zone', 'aria-label': t('cdet.danger') },
      h('h2', { class: 'card-title' }, t('cdet.danger')),
      h('p', { class: 'muted' }, t('cdet.danger_text')),
      remove,
    ),
  );
  return undefined;
}
