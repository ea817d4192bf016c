// "SAML signing certificate": the app's signing secrets (GET /api/saml-applications/:id/secrets:
// fingerprint, created, expires, active), "Create new secret" with its lifetime in years, and per
// certificate Download (.pem), Activate (an inactive one; the active one becomes inactive) and
// Delete (inactive ones only, after a confirmation).
import { h, replace } from '../../lib/dom.js';
import { formatTime, t } from '../../lib/i18n.js';
import { del, get, patch, post } from '../../lib/api.js';
import {
  badge,
  busy,
  button,
  stackCard,
  confirmDialog,
  errorState,
  loading,
  table,
  toast,
} from '../../lib/ui.js';
import { selectInput } from '../../components/controls.js';
import { download, samlPath } from './saml_kinds.js';

const LIFETIMES = [1, 2, 3, 5, 10];

export function certificatesCard(app) {
  const path = `${samlPath(app.id)}/secrets`;
  const area = h('div', {}, loading());
  let years = 3;

  const act = (label, work, props = {}) => {
    const btn = button(
      label,
      () =>
        busy(btn, async () => {
          await work();
          await load();
        }),
      { kind: 'text', ...props },
    );
    return btn;
  };

  function actions(secret) {
    const fingerprint = secret.fingerprints?.sha256?.formatted ?? secret.id;
    const pem = act(
      t('samlapp.cert.download'),
      async () =>
        download(
          secret.certificate,
          `${app.id}-saml-certificate-${secret.id}.pem`,
          'application/x-pem-file',
        ),
      { 'aria-label': t('samlapp.cert.download_label', { fingerprint }) },
    );
    if (secret.active) return pem;
    const activate = act(
      t('samlapp.cert.activate'),
      async () => {
        await patch(`${path}/${encodeURIComponent(secret.id)}`, { active: true });
        toast(t('samlapp.cert.activated'));
      },
      { 'aria-label': t('samlapp.cert.activate_label', { fingerprint }) },
    );
    const remove = act(
      t('samlapp.cert.delete'),
      async () => {
        const ok = await confirmDialog({
          title: t('samlapp.cert.delete_title'),
          message: t('samlapp.cert.delete_body'),
        });
        if (!ok) return;
        await del(`${path}/${encodeURIComponent(secret.id)}`);
        toast(t('samlapp.cert.deleted'));
      },
      { 'aria-label': t('samlapp.cert.delete_label', { fingerprint }) },
    );
    return h('span', { class: 'row' }, pem, activate, remove);
  }

  async function load() {
    let secrets;
    try {
      ({ data: secrets } = await get(path));
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!secrets?.length) {
      replace(
        area,
        h('p', { class: 'muted', 'data-testid': 'saml-certs-empty' }, t('samlapp.cert.empty')),
      );
      return;
    }
    const columns = [
      {
        label: t('samlapp.cert.fingerprint'),
        render: (s) => h('code', { class: 'mono small' }, s.fingerprints?.sha256?.formatted ?? ''),
      },
      { label: t('samlapp.cert.created'), class: 'nowrap', render: (s) => formatTime(s.createdAt) },
      { label: t('samlapp.cert.expires'), class: 'nowrap', render: (s) => formatTime(s.expiresAt) },
      {
        label: t('samlapp.cert.status'),
        render: (s) =>
          s.active ? badge(t('samlapp.cert.active'), 'brand') : badge(t('samlapp.cert.inactive')),
      },
      { label: t('samlapp.cert.actions'), render: actions },
    ];
    replace(area, table(columns, secrets, { caption: t('samlapp.cert.title') }));
  }

  const lifetime = selectInput(
    LIFETIMES.map((n) => ({ value: String(n), label: t('samlapp.cert.years', { n }) })),
    String(years),
    (v) => (years = Number(v)),
    { 'aria-label': t('samlapp.cert.lifetime'), class: 'input inline' },
  );
  const create = button(t('samlapp.cert.create'), () =>
    busy(create, async () => {
      await post(path, { lifeSpanInYears: years });
      toast(t('samlapp.cert.created_toast'));
      await load();
    }),
  );
  load();
  return stackCard(t('samlapp.cert.title'), area, h('div', { class: 'row' }, lifetime, create));
}
