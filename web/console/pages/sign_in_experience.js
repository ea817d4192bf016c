// Sign-in experience: Branding, Sign-up and sign-in, Content. The form edits a draft of
// GET /api/sign-in-exp (sign_in_experience/draft_editor.js); a live preview (preview.js) follows
// every edit, and a sticky save bar saves the changed parts with PATCH /api/sign-in-exp.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { errorState, loading, pageHeader, tabs } from '../lib/ui.js';
import { kindOf } from './connectors/names.js';
import { brandingTab } from './sign_in_experience/branding_tab.js';
import { contentTab, modeCard } from './sign_in_experience/content_tab.js';
import { draftEditor } from './sign_in_experience/draft_editor.js';
import { livePreview } from './sign_in_experience/preview.js';
import { signInCard } from './sign_in_experience/sign_in_card.js';
import { signUpCard } from './sign_in_experience/sign_up_card.js';
import { socialCard } from './sign_in_experience/social_card.js';

const TABS = ['branding', 'sign-up-and-sign-in', 'content'];

// The configuration and the social connectors that are set up (none if they cannot be read).
async function loadConfig() {
  const [exp, conns] = await Promise.all([
    get('/sign-in-exp'),
    get('/connectors').catch(() => ({ data: [] })),
  ]);
  return { saved: exp.data, connectors: (conns.data ?? []).filter((c) => kindOf(c) === 'Social') };
}

// The tabs as links; a plain click calls onPick instead, so the draft survives the switch.
function tabNav(current, onPick) {
  const items = TABS.map((key) => ({
    label: t(`sie.tab.${key}`),
    href: `/console/sign-in-experience/${key}`,
    active: key === current,
  }));
  const nav = tabs(items, t('sie.tabs'));
  nav.querySelectorAll('a.tab').forEach((a, i) =>
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      if (TABS[i] !== current) onPick(TABS[i]);
    }),
  );
  return nav;
}

export default async function signInExperience(view, ctx) {
  let tab = ctx.params.tab;
  if (!TABS.includes(tab)) {
    ctx.navigate('/console/sign-in-experience/sign-up-and-sign-in', { replace: true });
    return undefined;
  }
  ctx.setTitle(t('sie.title'));
  const body = h('div', {}, loading());
  view.append(pageHeader(t('sie.title'), { subtitle: t('sie.subtitle') }), body);
  let loaded;
  try {
    loaded = await loadConfig();
  } catch (error) {
    replace(
      body,
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }

  const tabArea = h('div', {});
  const formArea = h('div', { class: 'sie-form' });
  const preview = livePreview(() => draft.changes());
  const { draft, bar } = draftEditor(loaded.saved, ctx, {
    redraw,
    savedKey: 'sie.saved',
    onChange: () => preview.schedule(),
  });

  function drawForm() {
    draft.fields.clear();
    if (tab === 'branding') replace(formArea, brandingTab(draft));
    else if (tab === 'content') replace(formArea, contentTab(draft));
    else {
      const social = socialCard(draft, loaded.connectors);
      replace(formArea, signUpCard(draft), signInCard(draft), social, modeCard(draft));
    }
  }

  function redraw(focus) {
    drawForm();
    if (focus) formArea.querySelector(focus)?.focus();
  }

  function drawTabs() {
    replace(
      tabArea,
      tabNav(tab, (next) => {
        tab = next;
        history.pushState(null, '', `/console/sign-in-experience/${tab}`);
        drawTabs();
        drawForm();
      }),
    );
  }

  drawTabs();
  drawForm();
  replace(body, tabArea, h('div', { class: 'sie' }, formArea, preview.el), bar.el);
  preview.update();
  return () => preview.stop();
}
