// Sign-in experience: Branding, Sign-up and sign-in, Content. The form edits a draft of
// GET /api/sign-in-exp; a live preview (the real sign-in page rendered from the draft) follows
// every edit, and a sticky bar saves the changed parts with PATCH /api/sign-in-exp.
import { h, replace, uid } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { get, patch } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import {
  button,
  card,
  errorState,
  errorText,
  field,
  link,
  loading,
  pageHeader,
  tabs,
  textInput,
  toast,
} from '../lib/ui.js';
import { connectorName, kindOf } from './connectors/names.js';

const TABS = ['branding', 'sign-up-and-sign-in', 'content'];
const IDENTIFIERS = [
  { key: 'username', value: ['username'] },
  { key: 'email', value: ['email'] },
  { key: 'phone', value: ['phone'] },
  { key: 'email_or_phone', value: ['email', 'phone'] },
  { key: 'none', value: [] },
];
// The parts of the configuration this page edits; anything else is left alone.
const EDITED = [
  'color',
  'branding',
  'languageInfo',
  'termsOfUseUrl',
  'privacyPolicyUrl',
  'agreeToTermsPolicy',
  'signUp',
  'signIn',
  'socialSignInConnectorTargets',
  'signInMode',
  'customCss',
];

const clone = (x) => JSON.parse(JSON.stringify(x));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function identifierKey(ids = []) {
  const sorted = [...ids].sort().join(',');
  return IDENTIFIERS.find((o) => [...o.value].sort().join(',') === sorted)?.key ?? 'username';
}

// base64url of the UTF-8 bytes of `text`.
function base64url(text) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function checkbox(label, checked, onchange, { hint, disabled } = {}) {
  const id = uid('chk');
  const input = h('input', {
    type: 'checkbox',
    id,
    checked,
    disabled,
    onchange: (e) => onchange(e.target.checked),
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: id }, input, label),
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
}

function select(options, value, onchange, props = {}) {
  return h(
    'select',
    { class: 'input', onchange: (e) => onchange(e.target.value), ...props },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
}

export default async function signInExperience(view, ctx) {
  let tab = ctx.params.tab;
  if (!TABS.includes(tab)) {
    ctx.navigate('/console/sign-in-experience/sign-up-and-sign-in', { replace: true });
    return undefined;
  }
  ctx.setTitle(t('sie.title'));
  view.append(pageHeader(t('sie.title'), { subtitle: t('sie.subtitle') }));
  const body = h('div', {}, loading());
  view.append(body);

  let saved;
  let connectors = [];
  try {
    const [exp, conns] = await Promise.all([
      get('/sign-in-exp'),
      get('/connectors').catch(() => ({ data: [] })),
    ]);
    saved = exp.data;
    connectors = (conns.data ?? []).filter((c) => kindOf(c) === 'Social');
  } catch (error) {
    replace(
      body,
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }
  let draft = clone(saved);
  const fieldsByPath = new Map(); // 'color.primaryColor' → field wrapper, for API errors
  let timer = null;
  const previewState = { page: 'sign-in', mode: 'light', lang: lang() === 'ja' ? 'ja' : 'en' };

  const changes = () => {
    const out = {};
    for (const key of EDITED)
      if (key in draft && !same(draft[key], saved[key])) out[key] = draft[key];
    return out;
  };

  // --- the save bar
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const saveButton = button(t('sie.save'), () => save(), { kind: 'primary' });
  const bar = h(
    'div',
    { class: 'save-bar', hidden: true, role: 'region', 'aria-label': t('sie.unsaved') },
    h('span', {}, t('sie.unsaved')),
    formError,
    h('span', { class: 'spacer' }),
    button(t('sie.discard'), () => {
      draft = clone(saved);
      drawForm();
      changed();
    }),
    saveButton,
  );

  function clearErrors() {
    formError.hidden = true;
    for (const f of fieldsByPath.values()) f.setError?.('');
  }

  async function save() {
    clearErrors();
    const body = changes();
    if (!Object.keys(body).length) return;
    saveButton.disabled = true;
    try {
      const { data } = await patch('/sign-in-exp', body);
      saved = data;
      draft = clone(saved);
      toast(t('sie.saved'));
      drawForm();
      changed();
    } catch (error) {
      const message = errorText(error);
      const target = fieldFor(error, Object.fromEntries(fieldsByPath));
      if (target?.setError) {
        target.setError(message);
        target.input?.focus();
      } else {
        formError.textContent = `${t('sie.save_failed')}: ${message}`;
        formError.hidden = false;
      }
    } finally {
      saveButton.disabled = false;
    }
  }

  // --- the preview
  const frame = h('iframe', {
    title: t('sie.preview.frame'),
    class: 'preview-frame',
    tabindex: '0',
  });
  const toggles = [
    [
      'page',
      t('sie.preview.page'),
      [
        ['sign-in', t('sie.preview.sign_in')],
        ['register', t('sie.preview.register')],
      ],
    ],
    [
      'mode',
      t('sie.preview.mode'),
      [
        ['light', t('sie.preview.light')],
        ['dark', t('sie.preview.dark')],
      ],
    ],
    [
      'lang',
      t('sie.preview.language'),
      [
        ['en', 'English'],
        ['ja', '日本語'],
      ],
    ],
  ].map(([key, label, options]) =>
    h(
      'div',
      { class: 'segmented', role: 'group', 'aria-label': label },
      options.map(([value, text]) => {
        const b = button(
          text,
          () => {
            previewState[key] = value;
            b.parentElement
              .querySelectorAll('button')
              .forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
            updatePreview();
          },
          { kind: 'text', 'aria-pressed': String(previewState[key] === value), dataset: { value } },
        );
        return b;
      }),
    ),
  );
  const preview = h(
    'aside',
    { class: 'preview', 'aria-label': t('sie.preview') },
    h('div', { class: 'preview-toolbar' }, toggles),
    frame,
  );

  function previewUrl() {
    const config = base64url(JSON.stringify(changes()));
    return `/console/preview/${previewState.page}?lang=${previewState.lang}&mode=${previewState.mode}&config=${config}`;
  }
  function updatePreview() {
    const url = previewUrl();
    if (frame.getAttribute('src') !== url) frame.setAttribute('src', url);
  }
  function schedulePreview() {
    clearTimeout(timer);
    timer = setTimeout(updatePreview, 300);
  }

  function changed() {
    const dirty = Object.keys(changes()).length > 0;
    bar.hidden = !dirty;
    ctx.setDirty(dirty);
    if (!dirty) clearErrors();
    schedulePreview();
  }

  // --- the form
  const formArea = h('div', { class: 'sie-form' });
  const tabNav = h('div', {});
  function drawTabs() {
    replace(
      tabNav,
      tabs(
        TABS.map((key) => ({
          label: t(`sie.tab.${key}`),
          href: `/console/sign-in-experience/${key}`,
          active: key === tab,
        })),
        t('sie.tabs'),
      ),
    );
    // Switching tabs keeps the draft: the page redraws its form instead of navigating away.
    tabNav.querySelectorAll('a.tab').forEach((a, i) =>
      a.addEventListener('click', (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        if (TABS[i] === tab) return;
        tab = TABS[i];
        history.pushState(null, '', `/console/sign-in-experience/${tab}`);
        drawTabs();
        drawForm();
      }),
    );
  }

  const text = (path, label, { hint, type = 'text', placeholder } = {}) => {
    const [a, b] = path.split('.');
    const value = b ? draft[a]?.[b] : draft[a];
    const input = textInput({
      type,
      value: value ?? '',
      placeholder,
      spellcheck: 'false',
      oninput: (e) => {
        if (b) draft[a] = { ...draft[a], [b]: e.target.value.trim() };
        else draft[a] = e.target.value.trim();
        changed();
      },
    });
    const f = field(label, input, { hint });
    fieldsByPath.set(path, f);
    return f;
  };

  const color = (path, label) => {
    const [a, b] = path.split('.');
    const value = draft[a]?.[b] ?? '#000000';
    const textBox = textInput({
      value,
      class: 'input mono color-text',
      maxlength: '7',
      spellcheck: 'false',
    });
    const picker = h('input', {
      type: 'color',
      class: 'color-picker',
      value: /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : '#000000',
      'aria-label': t('sie.color_picker', { label }),
    });
    const set = (v) => {
      draft[a] = { ...draft[a], [b]: v };
      changed();
    };
    picker.addEventListener('input', () => {
      textBox.value = picker.value.toUpperCase();
      set(textBox.value);
    });
    textBox.addEventListener('input', () => {
      const v = textBox.value.trim();
      if (/^#[0-9a-f]{6}$/i.test(v)) picker.value = v.toLowerCase();
      set(v);
    });
    const f = field(label, textBox, { hint: t('sie.color_hint') });
    f.classList.add('color-field');
    f.insertBefore(h('div', { class: 'row color-row' }, picker, textBox), f.querySelector('.hint'));
    fieldsByPath.set(path, f);
    return f;
  };

  function brandingTab() {
    return [
      card(
        t('sie.brand'),
        h(
          'div',
          { class: 'stack' },
          text('branding.appName', t('sie.app_name')),
          color('color.primaryColor', t('sie.brand_color')),
          checkbox(t('sie.dark_enabled'), Boolean(draft.color?.isDarkModeEnabled), (v) => {
            draft.color = { ...draft.color, isDarkModeEnabled: v };
            changed();
            drawForm();
          }),
          draft.color?.isDarkModeEnabled
            ? color('color.darkPrimaryColor', t('sie.dark_color'))
            : null,
          text('branding.logoUrl', t('sie.logo'), { type: 'url', placeholder: 'https://' }),
          draft.color?.isDarkModeEnabled
            ? text('branding.darkLogoUrl', t('sie.dark_logo'), {
                type: 'url',
                placeholder: 'https://',
              })
            : null,
          text('branding.favicon', t('sie.favicon'), { type: 'url', placeholder: 'https://' }),
          (() => {
            const area = h('textarea', {
              class: 'input mono',
              rows: '6',
              spellcheck: 'false',
              oninput: (e) => {
                draft.customCss = e.target.value;
                changed();
              },
            });
            area.value = draft.customCss ?? '';
            const f = field(t('sie.custom_css'), area, { hint: t('sie.custom_css_hint') });
            fieldsByPath.set('customCss', f);
            return f;
          })(),
        ),
      ),
    ];
  }

  function signUpCard() {
    const ids = draft.signUp?.identifiers ?? [];
    const key = identifierKey(ids);
    const idSelect = select(
      IDENTIFIERS.map((o) => ({ value: o.key, label: t(`sie.id.${o.key}`) })),
      key,
      (v) => {
        const next = IDENTIFIERS.find((o) => o.key === v).value;
        const signUp = { ...draft.signUp, identifiers: [...next] };
        if (next.length === 0) Object.assign(signUp, { password: false, verify: false });
        else if (next.includes('username'))
          Object.assign(signUp, { password: true, verify: false });
        else signUp.verify = true;
        draft.signUp = signUp;
        changed();
        drawForm();
        formArea.querySelector('[data-path="signUp.identifiers"]')?.focus();
      },
      { 'data-path': 'signUp.identifiers' },
    );
    const idField = field(t('sie.signup_identifier'), idSelect, {
      hint: key === 'none' ? t('sie.none_hint') : undefined,
    });
    fieldsByPath.set('signUp', idField);
    const hasContact = ids.includes('email') || ids.includes('phone');
    return card(
      t('sie.signup'),
      h('p', { class: 'muted' }, t('sie.signup_text')),
      h(
        'div',
        { class: 'stack' },
        idField,
        ids.length
          ? checkbox(
              t('sie.create_password'),
              Boolean(draft.signUp?.password),
              (v) => {
                draft.signUp = { ...draft.signUp, password: v };
                changed();
              },
              { hint: t('sie.create_password_hint'), disabled: ids.includes('username') },
            )
          : null,
        hasContact
          ? checkbox(
              t('sie.verify'),
              Boolean(draft.signUp?.verify),
              (v) => {
                draft.signUp = { ...draft.signUp, verify: v };
                changed();
              },
              { hint: t('sie.verify_hint'), disabled: !draft.signUp?.password },
            )
          : null,
      ),
    );
  }

  function signInCard() {
    const methods = draft.signIn?.methods ?? [];
    const setMethods = (next, focusSelector) => {
      draft.signIn = { ...draft.signIn, methods: next };
      changed();
      drawForm();
      if (focusSelector) formArea.querySelector(focusSelector)?.focus();
    };
    const rows = methods.map((m, i) => {
      const label = t(`sie.id.${m.identifier}`);
      const update = (change) =>
        setMethods(methods.map((x, j) => (j === i ? { ...x, ...change } : x)));
      const pw = uid('pw');
      const code = uid('code');
      return h(
        'li',
        { dataset: { identifier: m.identifier } },
        h('strong', { class: 'method-name' }, label),
        h(
          'label',
          { class: 'check', for: pw },
          h('input', {
            type: 'checkbox',
            id: pw,
            checked: Boolean(m.password),
            onchange: (e) =>
              update({
                password: e.target.checked,
                verificationCode:
                  m.identifier === 'username'
                    ? false
                    : e.target.checked
                      ? m.verificationCode
                      : true,
              }),
          }),
          t('sie.method.password'),
        ),
        m.identifier !== 'username'
          ? h(
              'label',
              { class: 'check', for: code },
              h('input', {
                type: 'checkbox',
                id: code,
                checked: Boolean(m.verificationCode),
                onchange: (e) =>
                  update({
                    verificationCode: e.target.checked,
                    password: e.target.checked ? m.password : true,
                  }),
              }),
              t('sie.method.code'),
            )
          : null,
        h('span', { class: 'spacer' }),
        button(
          '↑',
          () =>
            setMethods(
              methods.map((x, j) => (j === i - 1 ? methods[i] : j === i ? methods[i - 1] : x)),
              `[data-identifier="${m.identifier}"] .up`,
            ),
          {
            kind: 'text',
            class: 'btn btn-text up',
            disabled: i === 0,
            'aria-label': `${t('sie.method.up')}: ${label}`,
          },
        ),
        button(
          '↓',
          () =>
            setMethods(
              methods.map((x, j) => (j === i + 1 ? methods[i] : j === i ? methods[i + 1] : x)),
              `[data-identifier="${m.identifier}"] .down`,
            ),
          {
            kind: 'text',
            class: 'btn btn-text down',
            disabled: i === methods.length - 1,
            'aria-label': `${t('sie.method.down')}: ${label}`,
          },
        ),
        button(t('sie.method.remove'), () => setMethods(methods.filter((_, j) => j !== i)), {
          kind: 'text',
          'aria-label': `${t('sie.method.remove')}: ${label}`,
        }),
      );
    });
    const missing = ['username', 'email', 'phone'].filter(
      (id) => !methods.some((m) => m.identifier === id),
    );
    const addSelect = select(
      missing.map((id) => ({ value: id, label: t(`sie.id.${id}`) })),
      missing[0],
      () => {},
    );
    const add = missing.length
      ? h(
          'div',
          { class: 'row' },
          field(t('sie.method.add'), addSelect),
          button(t('sie.method.add_button'), () => {
            const id = addSelect.value;
            setMethods([
              ...methods,
              {
                identifier: id,
                password: true,
                verificationCode: id !== 'username',
                isPasswordPrimary: true,
              },
            ]);
          }),
        )
      : null;
    const noPassword = !methods.some((m) => m.password);
    const f = h('div', {});
    fieldsByPath.set(
      'signIn',
      Object.assign(f, {
        setError: (msg) => replace(f, msg ? h('p', { class: 'field-error' }, msg) : ''),
      }),
    );
    return card(
      t('sie.signin'),
      h('p', { class: 'muted' }, t('sie.signin_text')),
      rows.length
        ? h('ol', { class: 'sortable sign-in-methods' }, rows)
        : h('p', { class: 'muted' }, t('sie.method.none')),
      noPassword ? h('p', { class: 'warning', role: 'note' }, t('sie.no_password_warning')) : null,
      f,
      add,
    );
  }

  function socialCard() {
    const targets = draft.socialSignInConnectorTargets ?? [];
    const byTarget = new Map(connectors.map((c) => [c.target, c]));
    const setTargets = (next, focusSelector) => {
      draft.socialSignInConnectorTargets = next;
      changed();
      drawForm();
      if (focusSelector) formArea.querySelector(focusSelector)?.focus();
    };
    const rows = targets.map((target, i) => {
      const c = byTarget.get(target);
      const label = c ? connectorName(c) : target;
      return h(
        'li',
        { dataset: { target } },
        h('strong', {}, label),
        c
          ? h('span', { class: 'muted small mono' }, target)
          : h('span', { class: 'badge badge-warn' }, t('sie.social_missing')),
        h('span', { class: 'spacer' }),
        button(
          '↑',
          () =>
            setTargets(
              targets.map((x, j) => (j === i - 1 ? targets[i] : j === i ? targets[i - 1] : x)),
              `[data-target="${target}"] .up`,
            ),
          {
            kind: 'text',
            class: 'btn btn-text up',
            disabled: i === 0,
            'aria-label': `${t('sie.method.up')}: ${label}`,
          },
        ),
        button(
          '↓',
          () =>
            setTargets(
              targets.map((x, j) => (j === i + 1 ? targets[i] : j === i ? targets[i + 1] : x)),
              `[data-target="${target}"] .down`,
            ),
          {
            kind: 'text',
            class: 'btn btn-text down',
            disabled: i === targets.length - 1,
            'aria-label': `${t('sie.method.down')}: ${label}`,
          },
        ),
        button(t('sie.method.remove'), () => setTargets(targets.filter((_, j) => j !== i)), {
          kind: 'text',
          'aria-label': `${t('sie.method.remove')}: ${label}`,
        }),
      );
    });
    const available = connectors.filter((c) => !targets.includes(c.target));
    let adder;
    if (!connectors.length) {
      adder = h(
        'p',
        { class: 'muted' },
        t('sie.social_none_configured'),
        ' ',
        link(t('sie.social_go'), '/console/connectors/social'),
      );
    } else if (available.length) {
      const pick = select(
        available.map((c) => ({ value: c.target, label: connectorName(c) })),
        available[0].target,
        () => {},
      );
      adder = h(
        'div',
        { class: 'row' },
        field(t('sie.social_add'), pick),
        button(t('sie.social_add_button'), () => setTargets([...targets, pick.value]), {
          'aria-label': `${t('sie.social_add_button')}: ${t('sie.social_add')}`,
        }),
      );
    }
    const f = h('div', {});
    fieldsByPath.set(
      'socialSignInConnectorTargets',
      Object.assign(f, {
        setError: (msg) => replace(f, msg ? h('p', { class: 'field-error' }, msg) : ''),
      }),
    );
    return h(
      'section',
      { class: 'card', 'aria-label': t('sie.social') },
      h('h2', { class: 'card-title' }, t('sie.social')),
      h('p', { class: 'muted' }, t('sie.social_text')),
      rows.length
        ? h('ol', { class: 'sortable social-targets' }, rows)
        : h('p', { class: 'muted' }, t('sie.social_empty')),
      f,
      adder,
    );
  }

  function modeCard() {
    if (!('signInMode' in draft)) return null;
    const s = select(
      ['SignInAndRegister', 'SignIn', 'Register'].map((v) => ({
        value: v,
        label: t(`sie.mode.${v}`),
      })),
      draft.signInMode,
      (v) => {
        draft.signInMode = v;
        changed();
      },
    );
    const f = field(t('sie.mode'), s);
    fieldsByPath.set('signInMode', f);
    return card(t('sie.mode'), f);
  }

  function contentTab() {
    const lang = draft.languageInfo ?? {};
    const fallback = select(
      [
        { value: 'en', label: 'English' },
        { value: 'ja', label: '日本語' },
      ],
      lang.fallbackLanguage ?? 'en',
      (v) => {
        draft.languageInfo = { ...draft.languageInfo, fallbackLanguage: v };
        changed();
      },
    );
    const fallbackField = field(t('sie.fallback'), fallback);
    fieldsByPath.set('languageInfo', fallbackField);
    const agree = select(
      ['Automatic', 'ManualRegistrationOnly', 'Manual'].map((v) => ({
        value: v,
        label: t(`sie.agree.${v}`),
      })),
      draft.agreeToTermsPolicy ?? 'Automatic',
      (v) => {
        draft.agreeToTermsPolicy = v;
        changed();
      },
    );
    const agreeField = field(t('sie.agree'), agree);
    fieldsByPath.set('agreeToTermsPolicy', agreeField);
    return [
      card(
        t('sie.languages'),
        h(
          'div',
          { class: 'stack' },
          checkbox(
            t('sie.auto_detect'),
            Boolean(lang.autoDetect),
            (v) => {
              draft.languageInfo = { ...draft.languageInfo, autoDetect: v };
              changed();
            },
            { hint: t('sie.auto_detect_hint') },
          ),
          fallbackField,
        ),
      ),
      card(
        t('sie.terms'),
        h(
          'div',
          { class: 'stack' },
          text('termsOfUseUrl', t('sie.terms_url'), { type: 'url', placeholder: 'https://' }),
          text('privacyPolicyUrl', t('sie.privacy_url'), { type: 'url', placeholder: 'https://' }),
          agreeField,
        ),
      ),
    ];
  }

  function drawForm() {
    fieldsByPath.clear();
    if (tab === 'branding') replace(formArea, brandingTab());
    else if (tab === 'content') replace(formArea, contentTab());
    else replace(formArea, signUpCard(), signInCard(), socialCard(), modeCard());
  }

  drawTabs();
  drawForm();
  replace(body, tabNav, h('div', { class: 'sie' }, formArea, preview), bar);
  updatePreview();

  return () => clearTimeout(timer);
}
