// One user: profile (save changes), custom data (a JSON object), linked social identities,
// password reset, suspension and deletion, and a link to the user's audit log entries.
import { h, replace } from '../lib/dom.js';
import { formatTime, t } from '../lib/i18n.js';
import { del, get, patch } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import {
  badge,
  busy,
  button,
  card,
  confirmDialog,
  copyField,
  copyText,
  emptyState,
  errorText,
  field,
  link,
  modal,
  pageHeader,
  showSaveError,
  table,
  textInput,
  toast,
} from '../lib/ui.js';
import { passwordField } from '../components/password_field.js';
import { displayName } from './users/user_names.js';

function identityDetails(identity) {
  const d = identity?.details ?? {};
  const parts = [d.name, d.username, d.email, d.phone].filter((v) => typeof v === 'string' && v);
  return parts.length ? parts.join(' · ') : '';
}

export default async function userDetails(view, ctx) {
  const id = ctx.params.id;
  let user;
  try {
    ({ data: user } = await get(`/users/${encodeURIComponent(id)}`));
  } catch (error) {
    if (error.status === 404) {
      view.append(
        pageHeader(t('user.back'), { back: { label: t('user.back'), href: '/console/users' } }),
        emptyState({ title: t('user.not_found'), action: link(t('user.back'), '/console/users') }),
      );
      return undefined;
    }
    throw error;
  }

  const header = h('div');
  const banner = h('div', { role: 'status' });
  const identitiesArea = h('div');

  function drawHeader() {
    const name = displayName(user);
    ctx.setTitle(name);
    const suspend = button(user.isSuspended ? t('user.reactivate') : t('user.suspend'), () =>
      toggleSuspend(suspend),
    );
    replace(
      header,
      pageHeader(name, {
        back: { label: t('user.back'), href: '/console/users' },
        subtitle: h(
          'span',
          { class: 'id-line' },
          h('span', { class: 'muted' }, `${t('user.id')}: `),
          h('code', { 'data-testid': 'user-id' }, user.id),
          button(t('ui.copy'), () => copyText(user.id), {
            kind: 'text',
            'aria-label': t('user.copy_id'),
          }),
          user.isSuspended ? badge(t('users.suspended'), 'danger') : null,
        ),
        actions: [
          link(t('user.audit'), `/console/audit-logs?userId=${encodeURIComponent(user.id)}`, {
            class: 'btn btn-secondary',
          }),
          button(t('user.reset'), openReset),
          suspend,
        ],
      }),
      h(
        'p',
        { class: 'muted small user-meta' },
        t('user.meta', {
          created: formatTime(user.createdAt),
          last: user.lastSignInAt ? formatTime(user.lastSignInAt) : t('user.never'),
        }),
      ),
    );
    replace(
      banner,
      user.isSuspended
        ? h('p', { class: 'banner banner-danger' }, t('user.suspended_banner'))
        : null,
    );
  }

  // Profile
  const profileFields = {
    username: field(t('user.username'), textInput({ name: 'username' })),
    primaryEmail: field(t('user.email'), textInput({ type: 'email', name: 'primaryEmail' })),
    primaryPhone: field(t('user.phone'), textInput({ type: 'tel', name: 'primaryPhone' })),
    name: field(t('user.name'), textInput({ name: 'name' })),
    avatar: field(
      t('user.avatar'),
      textInput({ type: 'url', name: 'avatar', placeholder: 'https://' }),
      { hint: t('user.avatar_hint') },
    ),
  };
  const fillProfile = () => {
    for (const [key, f] of Object.entries(profileFields)) f.input.value = user[key] ?? '';
  };
  fillProfile();
  const profileError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const saveProfile = button(t('user.save'), null, { kind: 'primary', type: 'submit' });
  const profileChanges = () => {
    const body = {};
    for (const [key, f] of Object.entries(profileFields)) {
      const value = f.input.value.trim();
      const next = value === '' ? null : value;
      if (next !== (user[key] ?? null)) body[key] = next;
    }
    return body;
  };
  const profileForm = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      oninput: (e) => {
        Object.values(profileFields)
          .find((f) => f.input === e.target)
          ?.setError('');
        ctx.setDirty(Object.keys(profileChanges()).length > 0);
      },
      onsubmit: async (e) => {
        e.preventDefault();
        profileError.hidden = true;
        Object.values(profileFields).forEach((f) => f.setError(''));
        const body = profileChanges();
        if (!Object.keys(body).length) {
          toast(t('user.saved'));
          return;
        }
        saveProfile.disabled = true;
        try {
          ({ data: user } = await patch(`/users/${encodeURIComponent(user.id)}`, body));
          fillProfile();
          ctx.setDirty(false);
          drawHeader();
          toast(t('user.saved'));
        } catch (error) {
          showSaveError(error, fieldFor(error, profileFields), profileError);
        } finally {
          saveProfile.disabled = false;
        }
      },
    },
    h('div', { class: 'form-grid' }, Object.values(profileFields)),
    profileError,
    h('div', { class: 'row' }, saveProfile),
  );

  // Custom data
  const customInput = h('textarea', {
    class: 'input mono',
    name: 'customData',
    rows: '8',
    spellcheck: 'false',
  });
  customInput.value = JSON.stringify(user.customData ?? {}, null, 2);
  const customField = field(t('user.custom_data_label'), customInput, {
    hint: t('user.custom_data_hint'),
  });
  const saveCustom = button(t('user.save'), null, { kind: 'primary', type: 'submit' });
  const customForm = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      oninput: () => customField.setError(''),
      onsubmit: async (e) => {
        e.preventDefault();
        customField.setError('');
        let value;
        try {
          value = JSON.parse(customInput.value.trim() || '{}');
        } catch (error) {
          customField.setError(t('user.custom_data_invalid', { error: error.message }));
          customInput.focus();
          return;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          customField.setError(t('user.custom_data_object'));
          customInput.focus();
          return;
        }
        saveCustom.disabled = true;
        try {
          const { data } = await patch(`/users/${encodeURIComponent(user.id)}/custom-data`, {
            customData: value,
          });
          user.customData = data ?? value;
          customInput.value = JSON.stringify(user.customData, null, 2);
          toast(t('user.custom_data_saved'));
        } catch (error) {
          customField.setError(errorText(error));
        } finally {
          saveCustom.disabled = false;
        }
      },
    },
    customField,
    h('div', { class: 'row' }, saveCustom),
  );

  // Social identities
  function drawIdentities() {
    const rows = Object.entries(user.identities ?? {}).map(([target, identity]) => ({
      target,
      identity,
    }));
    if (!rows.length) {
      replace(
        identitiesArea,
        h('p', { class: 'muted', 'data-testid': 'identities-empty' }, t('user.identities_empty')),
      );
      return;
    }
    replace(
      identitiesArea,
      table(
        [
          { label: t('user.col.target'), render: (r) => h('strong', {}, r.target) },
          {
            label: t('user.col.identity'),
            render: (r) => h('code', {}, String(r.identity?.userId ?? '')),
          },
          { label: t('user.col.details'), render: (r) => identityDetails(r.identity) },
          {
            label: t('user.col.actions'),
            class: 'cell-actions',
            render: (r) =>
              button(t('user.remove'), (e) => removeIdentity(r, e.currentTarget), {
                kind: 'text',
                'aria-label': t('user.remove_label', { target: r.target }),
              }),
          },
        ],
        rows,
        { caption: t('user.identities') },
      ),
    );
  }

  async function removeIdentity(row, btn) {
    const ok = await confirmDialog({
      title: t('user.remove_title'),
      message: t('user.remove_body', {
        target: row.target,
        id: row.identity?.userId ?? '',
        name: displayName(user),
      }),
      confirmLabel: t('user.remove'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      const { data } = await del(
        `/users/${encodeURIComponent(user.id)}/identities/${encodeURIComponent(row.target)}`,
      );
      user.identities = data && typeof data === 'object' ? data : {};
      drawIdentities();
      toast(t('user.removed'));
    });
  }

  function openReset() {
    const pw = passwordField(t('user.new_password'), {
      hint: t('user.password_hint'),
      required: true,
    });
    const submit = button(t('user.reset_submit'), null, { kind: 'primary', type: 'submit' });
    const form = h(
      'form',
      {
        class: 'stack',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          pw.setError('');
          const password = pw.input.value;
          if (!password) {
            pw.setError(t('ui.required'));
            pw.input.focus();
            return;
          }
          submit.disabled = true;
          try {
            await patch(`/users/${encodeURIComponent(user.id)}/password`, { password });
            user.hasPassword = true;
            m.close();
            toast(t('user.reset_done'));
            const done = modal({
              title: t('user.reset_done_title'),
              content: h(
                'div',
                { class: 'stack' },
                h('p', {}, t('user.reset_done_text')),
                copyField(t('user.new_password'), password, { testId: 'reset-password-value' }),
              ),
              actions: [button(t('ui.close'), () => done.close(), { kind: 'primary' })],
            });
          } catch (error) {
            pw.setError(errorText(error));
            pw.input.focus();
          } finally {
            submit.disabled = false;
          }
        },
      },
      h('p', {}, t('user.reset_intro', { name: displayName(user) })),
      pw,
      h(
        'div',
        { class: 'row' },
        h('span', { class: 'spacer' }),
        button(t('ui.cancel'), () => m.close()),
        submit,
      ),
    );
    const m = modal({ title: t('user.reset_title'), content: form });
    pw.input.focus();
  }

  async function toggleSuspend(btn) {
    const next = !user.isSuspended;
    const ok = await confirmDialog({
      title: next ? t('user.suspend_title') : t('user.reactivate_title'),
      message: t(next ? 'user.suspend_body' : 'user.reactivate_body', { name: displayName(user) }),
      confirmLabel: next ? t('user.suspend') : t('user.reactivate'),
      danger: next,
    });
    if (!ok) return;
    await busy(btn, async () => {
      ({ data: user } = await patch(`/users/${encodeURIComponent(user.id)}/is-suspended`, {
        isSuspended: next,
      }));
      drawHeader();
      toast(next ? t('user.suspended_toast') : t('user.reactivated_toast'));
      header.querySelector('h1')?.focus();
    });
  }

  async function deleteUser(btn) {
    const name = displayName(user);
    const ok = await confirmDialog({
      title: t('user.delete_title'),
      message: t('user.delete_body', { name, id: user.id }),
      confirmLabel: t('user.delete'),
    });
    if (!ok) return;
    await busy(btn, async () => {
      await del(`/users/${encodeURIComponent(user.id)}`);
      ctx.setDirty(false);
      toast(t('user.deleted', { name }));
      ctx.navigate('/console/users', { replace: true });
    });
  }

  const deleteButton = button(t('user.delete'), () => deleteUser(deleteButton), { kind: 'danger' });
  drawHeader();
  drawIdentities();
  view.append(
    header,
    banner,
    card(t('user.profile'), profileForm),
    card(t('user.custom_data'), customForm),
    card(
      t('user.identities'),
      h('p', { class: 'muted' }, t('user.identities_hint')),
      identitiesArea,
    ),
    h(
      'section',
      { class: 'card danger-zone' },
      h('h2', { class: 'card-title' }, t('user.danger')),
      h(
        'div',
        { class: 'row' },
        h('p', { class: 'muted' }, t('user.delete_text')),
        h('span', { class: 'spacer' }),
        deleteButton,
      ),
    ),
  );
  return () => ctx.setDirty(false);
}
