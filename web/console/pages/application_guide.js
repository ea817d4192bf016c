// The congratulation page after an application is created, and its integration guide for one
// framework: the values an integration needs (Endpoint, App ID, App Secret), then the guide's
// steps with this application's values in the code. The guide's "redirect URIs" step edits and
// saves the app's Redirect URI and Post sign-out redirect URI, and the code follows them.
import { h, replace } from '../lib/dom.js';
import { lang, t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { loadStatus } from '../lib/auth.js';
import { button, errorState, link, loading, pageHeader } from '../lib/ui.js';
import { frameworks } from '../guides/frameworks.js';
import { guideFor } from '../guides/guides.js';
import { appHref, guideHref, typeLabel } from './applications/app_kinds.js';
import { applyBadgeColors } from './applications/framework_card.js';
import { justCreated, rememberFramework } from './applications/framework_memory.js';
import { guideSteps } from './applications/guide_steps.js';
import { guideValues, guideValuesCard } from './applications/guide_values.js';
import { redirectForm } from './applications/redirect_form.js';
import { withSecret } from './applications/app_secret.js';

// "No guide for …": the header and links to the guides of the app's type.
function unknownGuide(ctx, frameworkId, back, sameType, appId) {
  const title = t('guide.unknown', { framework: frameworkId });
  ctx.setTitle(title);
  return [
    pageHeader(title, { back, subtitle: t('guide.unknown_text') }),
    h(
      'ul',
      { class: 'plain guide-choices' },
      sameType.map((f) => h('li', {}, link(f.name, guideHref(appId, f.id)))),
    ),
  ];
}

// The header: the congratulation right after creating the app, else the guide's title.
function guideHeader(app, framework, { celebrate, back, finish }) {
  const title = celebrate
    ? t('guide.congrats', { name: app.name })
    : t('guide.title', { name: app.name, framework: framework.name });
  const emoji = h('span', { class: 'celebrate-emoji', 'aria-hidden': 'true' }, '🎉');
  const subtitle = celebrate
    ? t('guide.congrats_text', { framework: framework.name })
    : [typeLabel(app.type), framework.name]
        .filter((part, i, all) => i === 0 || !all[0].includes(part))
        .join(' · ');
  const header = pageHeader(celebrate ? [emoji, title] : title, {
    back,
    subtitle,
    actions: [finish()],
  });
  if (celebrate) header.classList.add('celebrate-header');
  return { header, title };
}

export default async function applicationGuide(view, ctx) {
  const { id, framework: frameworkId } = ctx.params;
  const state = { app: null };
  let status;
  const back = { label: t('guide.back'), href: appHref(id) };

  async function load() {
    replace(view, loading());
    try {
      [{ data: state.app }, status] = await Promise.all([
        get(`/applications/${encodeURIComponent(id)}`),
        loadStatus(),
      ]);
      state.app = await withSecret(state.app);
    } catch (error) {
      replace(view, pageHeader(t('guide.back'), { back }), errorState(error, load));
      return;
    }
    draw();
  }

  function drawGuide(area, framework, focusSave = false) {
    const values = guideValues(state.app, status);
    const guide = guideFor(framework.id, values, lang());
    const form = () => redirectForm(state, ctx, values, () => drawGuide(area, framework, true));
    replace(area, guideSteps(framework, guide, form));
    if (focusSave) area.querySelector('[data-save-redirects]')?.focus();
  }

  function draw() {
    const { app } = state;
    applyBadgeColors();
    const framework = frameworks.find((f) => f.id === frameworkId);
    const sameType = frameworks.filter((f) => f.type === app.type);
    if (!framework || !guideFor(framework.id, guideValues(app, status), lang())) {
      replace(view, ...unknownGuide(ctx, frameworkId, back, sameType, app.id));
      return;
    }
    rememberFramework(app.id, framework.id);
    const finish = () =>
      button(t('guide.finish'), () => ctx.navigate(appHref(id)), { kind: 'primary' });
    const celebrate = justCreated(app.id);
    const { header, title } = guideHeader(app, framework, { celebrate, back, finish });
    ctx.setTitle(title);
    const onSwitch = (next) => ctx.navigate(guideHref(app.id, next), { replace: true });
    const guideArea = h('div', { class: 'guide' });
    replace(
      view,
      header,
      guideValuesCard(app, guideValues(app, status), { framework, sameType, onSwitch }),
      guideArea,
      h('div', { class: 'row guide-footer' }, h('span', { class: 'spacer' }), finish()),
    );
    drawGuide(guideArea, framework);
  }

  await load();
}
