// The congratulation page after an application is created, and its integration guide for one
// framework: the values an integration needs (Endpoint, App ID, App Secret), then the guide's
// steps with this application's values in the code. The guide's "redirect URIs" step edits and
// saves the app's Redirect URI and Post sign-out redirect URI, and the code follows them.
import { h, replace, richText, uid } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { get, patch } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import { loadStatus } from '../lib/auth.js';
import {
  busy,
  button,
  card,
  copyField,
  copyText,
  errorState,
  field,
  link,
  loading,
  pageHeader,
  showSaveError,
  textInput,
  toast,
} from '../lib/ui.js';
import { frameworks } from '../guides/frameworks.js';
import { guideFor } from '../guides/guides.js';
import {
  applyBadgeColors,
  justCreated,
  rememberFramework,
  typeLabel,
} from './create_application.js';

const confidential = (type) => type === 'Traditional' || type === 'MachineToMachine';

// What the guide's code shows before the operator saves redirect URIs of their own.
function defaults(type) {
  if (type === 'Native')
    return { redirectUri: 'io.logto://callback', postSignOutRedirectUri: 'io.logto://callback' };
  return {
    redirectUri: 'http://localhost:3000/callback',
    postSignOutRedirectUri: 'http://localhost:3000/',
  };
}

export default async function applicationGuide(view, ctx) {
  const { id, framework: frameworkId } = ctx.params;
  let app;
  let status;
  const detailsHref = `/console/applications/${encodeURIComponent(id)}`;

  async function load() {
    replace(view, loading());
    try {
      [{ data: app }, status] = await Promise.all([
        get(`/applications/${encodeURIComponent(id)}`),
        loadStatus(),
      ]);
    } catch (error) {
      replace(
        view,
        pageHeader(t('guide.back'), { back: { label: t('guide.back'), href: detailsHref } }),
        errorState(error, load),
      );
      return;
    }
    draw();
  }

  function guideCtx() {
    const saved = app.oidcClientMetadata ?? {};
    const fallback = defaults(app.type);
    return {
      endpoint: String(status.endpoint).replace(/\/+$/, ''),
      appId: app.id,
      appSecret: app.secret ?? '',
      redirectUri: saved.redirectUris?.[0] || fallback.redirectUri,
      postSignOutRedirectUri: saved.postLogoutRedirectUris?.[0] || fallback.postSignOutRedirectUri,
    };
  }

  function draw() {
    applyBadgeColors();
    const framework = frameworks.find((f) => f.id === frameworkId);
    const sameType = frameworks.filter((f) => f.type === app.type);
    const back = { label: t('guide.back'), href: detailsHref };
    if (!framework || !guideFor(framework.id, guideCtx(), lang())) {
      ctx.setTitle(t('guide.unknown', { framework: frameworkId }));
      replace(
        view,
        pageHeader(t('guide.unknown', { framework: frameworkId }), {
          back,
          subtitle: t('guide.unknown_text'),
        }),
        h(
          'ul',
          { class: 'plain guide-choices' },
          sameType.map((f) => h('li', {}, link(f.name, guideHref(f.id)))),
        ),
      );
      return;
    }
    rememberFramework(app.id, framework.id);
    const celebrate = justCreated(app.id);
    const title = celebrate
      ? t('guide.congrats', { name: app.name })
      : t('guide.title', { name: app.name, framework: framework.name });
    ctx.setTitle(title);
    const finish = () =>
      button(t('guide.finish'), () => ctx.navigate(detailsHref), { kind: 'primary' });
    const header = pageHeader(
      celebrate
        ? [h('span', { class: 'celebrate-emoji', 'aria-hidden': 'true' }, '🎉'), title]
        : title,
      {
        back,
        subtitle: celebrate
          ? t('guide.congrats_text', { framework: framework.name })
          : [typeLabel(app.type), framework.name]
              .filter((part, i, all) => i === 0 || !all[0].includes(part))
              .join(' · '),
        actions: [finish()],
      },
    );
    if (celebrate) header.classList.add('celebrate-header');
    const guideArea = h('div', { class: 'guide' });
    replace(
      view,
      header,
      valuesCard(framework, sameType),
      guideArea,
      h('div', { class: 'row guide-footer' }, h('span', { class: 'spacer' }), finish()),
    );
    drawGuide(guideArea, framework);
  }

  function guideHref(fid) {
    return `/console/applications/${encodeURIComponent(app.id)}/guide/${encodeURIComponent(fid)}`;
  }

  function valuesCard(framework, sameType) {
    const values = guideCtx();
    const selectId = uid('framework');
    const select = h(
      'select',
      {
        id: selectId,
        class: 'input',
        onchange: (e) => ctx.navigate(guideHref(e.target.value), { replace: true }),
      },
      sameType.map((f) => h('option', { value: f.id, selected: f.id === framework.id }, f.name)),
    );
    return card(
      t('guide.values'),
      h('p', { class: 'muted small card-intro' }, t('guide.values_text')),
      h(
        'div',
        { class: 'guide-values' },
        copyField(t('guide.endpoint'), values.endpoint, { testId: 'guide-endpoint' }),
        copyField(t('guide.app_id'), values.appId, { testId: 'guide-app-id' }),
        confidential(app.type)
          ? copyField(t('guide.secret'), values.appSecret, {
              secret: true,
              testId: 'guide-app-secret',
            })
          : null,
        sameType.length > 1
          ? h('div', { class: 'field' }, h('label', { for: selectId }, t('guide.switch')), select)
          : null,
      ),
    );
  }

  function drawGuide(area, framework, focusSave = false) {
    const guide = guideFor(framework.id, guideCtx(), lang());
    replace(
      area,
      h(
        'section',
        { class: 'card' },
        h(
          'div',
          { class: 'row guide-title' },
          h(
            'span',
            { class: `framework-badge badge-${framework.id}`, 'aria-hidden': 'true' },
            framework.badge.text,
          ),
          h('h2', { class: 'card-title tight' }, guide.title),
        ),
        h(
          'ol',
          { class: 'guide-steps plain', 'aria-label': t('guide.steps') },
          guide.steps.map((s) =>
            h(
              'li',
              { class: 'guide-step' },
              h('h3', {}, s.title),
              s.blocks.map((b) => block(b, area, framework)),
            ),
          ),
        ),
      ),
    );
    if (focusSave) area.querySelector('[data-save-redirects]')?.focus();
  }

  function block(b, area, framework) {
    if (b.kind === 'text') return h('p', {}, richText(b.text));
    if (b.kind === 'note') return h('p', { class: 'note', role: 'note' }, richText(b.text));
    if (b.kind === 'code') return codeBlock(b);
    if (b.kind === 'redirect-uris') return redirectForm(area, framework);
    return null;
  }

  function codeBlock(b) {
    const name = b.file || b.language || '';
    return h(
      'div',
      { class: 'code-block' },
      h(
        'div',
        { class: 'code-file' },
        h('span', { class: 'mono' }, name),
        button(t('ui.copy'), () => copyText(b.code), {
          kind: 'text',
          'aria-label': name ? t('guide.copy_code_of', { file: name }) : t('guide.copy_code'),
        }),
      ),
      h(
        'pre',
        { class: 'code', tabindex: '0', 'aria-label': name || null },
        h('code', { class: b.language ? `language-${b.language}` : null }, b.code),
      ),
    );
  }

  function redirectForm(area, framework) {
    const values = guideCtx();
    const redirect = field(
      t('guide.redirect_uri'),
      textInput({ value: values.redirectUri, name: 'redirectUri' }),
      { required: true },
    );
    const logout = field(
      t('guide.post_logout_uri'),
      textInput({ value: values.postSignOutRedirectUri, name: 'postLogoutRedirectUri' }),
    );
    const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const save = button(t('guide.save'), null, {
      kind: 'primary',
      type: 'submit',
      'data-save-redirects': true,
    });
    const mark = () => ctx.setDirty(true);
    redirect.input.addEventListener('input', mark);
    logout.input.addEventListener('input', mark);
    return h(
      'form',
      {
        class: 'stack redirect-form',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          redirect.setError('');
          logout.setError('');
          formError.hidden = true;
          const uri = redirect.input.value.trim();
          const after = logout.input.value.trim();
          if (!uri) {
            redirect.setError(t('ui.required'));
            redirect.input.focus();
            return;
          }
          const saved = app.oidcClientMetadata ?? {};
          // The edited value replaces the first entry; other registered URIs stay.
          const merge = (value, list = []) => {
            const rest = list.slice(1).filter((item) => item !== value);
            return value ? [value, ...rest] : rest;
          };
          const body = {
            oidcClientMetadata: {
              redirectUris: merge(uri, saved.redirectUris),
              postLogoutRedirectUris: merge(after, saved.postLogoutRedirectUris),
            },
          };
          await busy(save, async () => {
            try {
              ({ data: app } = await patch(`/applications/${encodeURIComponent(app.id)}`, body));
            } catch (error) {
              const target = fieldFor(error, {
                'oidcClientMetadata.redirectUris': redirect,
                'oidcClientMetadata.postLogoutRedirectUris': logout,
              });
              showSaveError(error, target, formError, { focus: false });
              return;
            }
            ctx.setDirty(false);
            toast(t('guide.saved'));
            drawGuide(area, framework, true);
          });
        },
      },
      redirect,
      logout,
      formError,
      h('div', { class: 'row' }, save),
    );
  }

  await load();
}
