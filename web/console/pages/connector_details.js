// One connector: its ID and callback URL at the top (to paste into the provider's app), its
// configuration (secrets stay ******** unless changed), whether the sign-in page shows it, the
// setup guide, and removal.
import { h, replace } from '../lib/dom.js';
import { addStrings, formatTime, t } from '../lib/i18n.js';
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
import { configForm, connectorName, endpoint, kindOf, localName } from './connectors.js';
import { connectorGuide } from './connector_guides.js';

addStrings({
  en: {
    'cdet.back': 'Connectors',
    'cdet.id': 'Connector ID',
    'cdet.callback': 'Callback URL',
    'cdet.callback_hint': 'Paste this into your GitHub OAuth app’s Authorization callback URL',
    'cdet.callback_hint_other': 'Register this as the redirect URI of your app at {name}',
    'cdet.settings': 'Settings',
    'cdet.save': 'Save changes',
    'cdet.saved': 'Changes saved',
    'cdet.usage': 'Sign-in experience',
    'cdet.in_use': 'Shown on the sign-in page as “Continue with {name}”.',
    'cdet.not_in_use': 'Not on the sign-in page yet. Add it to let people sign in with it.',
    'cdet.add_to_sie': 'Use in sign-in experience',
    'cdet.remove_from_sie': 'Remove from sign-in experience',
    'cdet.added_to_sie': 'Added to the sign-in experience',
    'cdet.removed_from_sie': 'Removed from the sign-in experience',
    'cdet.sie_link': 'Open Sign-in experience',
    'cdet.guide': 'Setup guide',
    'cdet.danger': 'Danger zone',
    'cdet.danger_text':
      'Removing the connector takes its button off the sign-in page. People who signed in with it keep their accounts but cannot use it to sign in any more.',
    'cdet.remove': 'Remove connector',
    'cdet.remove_title': 'Remove the {name} connector?',
    'cdet.remove_body': 'People can no longer sign in with it. This cannot be undone.',
    'cdet.removed': 'Connector removed',
    'cdet.created': 'Created {time}',
    'cdet.type.Social': 'Social connector',
    'cdet.type.Email': 'Email connector',
    'cdet.type.Sms': 'SMS connector',
    'cdet.target': 'Target',
  },
  ja: {
    'cdet.back': 'コネクター',
    'cdet.id': 'コネクター ID',
    'cdet.callback': 'コールバック URL',
    'cdet.callback_hint':
      'GitHub OAuth アプリの Authorization callback URL にこれを貼り付けてください',
    'cdet.callback_hint_other': '{name} のアプリのリダイレクト URI としてこれを登録してください',
    'cdet.settings': '設定',
    'cdet.save': '変更を保存',
    'cdet.saved': '変更を保存しました',
    'cdet.usage': 'サインイン体験',
    'cdet.in_use': 'サインインページに「{name} で続行」として表示されています。',
    'cdet.not_in_use':
      'まだサインインページに表示されていません。追加するとこのコネクターでサインインできます。',
    'cdet.add_to_sie': 'サインイン体験で使用',
    'cdet.remove_from_sie': 'サインイン体験から外す',
    'cdet.added_to_sie': 'サインイン体験に追加しました',
    'cdet.removed_from_sie': 'サインイン体験から外しました',
    'cdet.sie_link': 'サインイン体験を開く',
    'cdet.guide': 'セットアップガイド',
    'cdet.danger': '危険区域',
    'cdet.danger_text':
      'コネクターを削除すると、サインインページからボタンが消えます。このコネクターでサインインしたユーザーのアカウントは残りますが、このコネクターではサインインできなくなります。',
    'cdet.remove': 'コネクターを削除',
    'cdet.remove_title': '{name} コネクターを削除しますか？',
    'cdet.remove_body': 'このコネクターでサインインできなくなります。この操作は元に戻せません。',
    'cdet.removed': 'コネクターを削除しました',
    'cdet.created': '{time} に作成',
    'cdet.type.Social': 'ソーシャルコネクター',
    'cdet.type.Email': 'メールコネクター',
    'cdet.type.Sms': 'SMS コネクター',
    'cdet.target': 'ターゲット',
  },
});

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
