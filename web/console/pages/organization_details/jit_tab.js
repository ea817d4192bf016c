// An organization's Just-in-time provisioning tab: the email domains whose users join it when
// they sign up with a verified email there (add, remove), and the default organization roles
// they get (ticked and saved with PUT).
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, post, put } from '../../lib/api.js';
import {
  busy,
  button,
  card,
  errorState,
  errorText,
  field,
  loading,
  textInput,
  toast,
} from '../../lib/ui.js';
import { roleChecks } from '../organizations/role_checks.js';

// A domain as Logto takes it: a host name with at least one dot, no scheme or @.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function domainsCard(base) {
  const path = `${base}/jit/email-domains`;
  const area = h('div', {}, loading());
  const input = textInput({ name: 'emailDomain', placeholder: t('org.jit.domain_placeholder') });
  const wrap = field(t('org.jit.domain'), input, { hint: t('org.jit.domain_hint') });
  let domains = [];

  async function remove(domain, btn) {
    await busy(btn, async () => {
      await del(`${path}/${encodeURIComponent(domain)}`);
      toast(t('org.jit.domain_removed', { domain }));
      await load();
    });
  }
  async function load() {
    try {
      const { data } = await get(path, { page: 1, page_size: 100 });
      domains = (data ?? []).map((d) => d.emailDomain);
    } catch (error) {
      replace(area, errorState(error, load));
      return;
    }
    if (!domains.length) {
      replace(
        area,
        h('p', { class: 'muted', 'data-testid': 'jit-domains-empty' }, t('org.jit.no_domains')),
      );
      return;
    }
    replace(
      area,
      h(
        'ul',
        { class: 'plain jit-domains', 'aria-label': t('org.jit.domains') },
        domains.map((d) =>
          h(
            'li',
            { class: 'row' },
            h('code', {}, d),
            button(t('ui.remove'), (e) => remove(d, e.currentTarget), {
              kind: 'text',
              'aria-label': t('org.jit.remove_domain', { domain: d }),
            }),
          ),
        ),
      ),
    );
  }
  const addButton = button(t('org.jit.add_domain'), null, { type: 'submit' });
  async function add(e) {
    e.preventDefault();
    wrap.setError('');
    const emailDomain = input.value.trim().replace(/^@/, '').toLowerCase();
    if (!DOMAIN.test(emailDomain)) {
      wrap.setError(t('org.jit.invalid_domain'));
      input.focus();
      return;
    }
    if (domains.includes(emailDomain)) {
      wrap.setError(t('org.jit.domain_added_already'));
      input.focus();
      return;
    }
    addButton.disabled = true;
    try {
      await post(path, { emailDomain });
      input.value = '';
      toast(t('org.jit.domain_added', { domain: emailDomain }));
      await load();
    } catch (error) {
      wrap.setError(errorText(error));
    } finally {
      addButton.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'row jit-add', novalidate: true, onsubmit: add, oninput: () => wrap.setError('') },
    wrap,
    addButton,
  );
  return {
    el: card(
      t('org.jit.email_title'),
      h('p', { class: 'muted' }, t('org.jit.email_intro')),
      form,
      area,
    ),
    load,
  };
}

async function rolesCard(base) {
  const path = `${base}/jit/roles`;
  const { data } = await get(path, { page: 1, page_size: 100 });
  const roles = roleChecks({ held: (data ?? []).map((r) => r.id), label: t('org.jit.roles') });
  const save = button(t('org.jit.save_roles'), null, { kind: 'primary' });
  save.addEventListener('click', () =>
    busy(save, async () => {
      await put(path, { organizationRoleIds: roles.selected() });
      toast(t('org.jit.roles_saved'));
    }),
  );
  await roles.ready;
  return card(
    t('org.jit.roles'),
    h('p', { class: 'muted' }, t('org.jit.roles_intro')),
    roles.el,
    h('div', { class: 'row' }, save),
  );
}

export async function jitTab(state) {
  const base = `/organizations/${encodeURIComponent(state.org.id)}`;
  const domains = domainsCard(base);
  await domains.load();
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, t('org.jit.intro')),
    domains.el,
    await rolesCard(base),
  );
}
