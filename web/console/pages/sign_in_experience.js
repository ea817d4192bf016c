// Sign-in experience: Branding, Sign-up and sign-in, Content. The form edits a draft of
// GET /api/sign-in-exp (sign_in_experience/draft.js); a live preview (preview.js) follows every
// edit, and a sticky bar (save_bar.js) saves the changed parts with PATCH /api/sign-in-exp.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get, patch } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import { errorState, errorText, loading, pageHeader, tabs, toast } from '../lib/ui.js';
import { kindOf } from './connectors/names.js';
import { brandingTab } from './sign_in_experience/branding_tab.js';
import { contentTab, modeCard } from './sign_in_experience/content_tab.js';
import { createDraft } from './sign_in_experience/draft.js';
import { livePreview } from './sign_in_experience/preview.js';
import { saveBar } from './sign_in_experience/save_bar.js';
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
  const draft = createDraft(loaded.saved, { changed, redraw });
  const preview = livePreview(() => draft.changes());
  const bar = saveBar({ onSave: save, onDiscard: discard });

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

  function clearErrors() {
    bar.clear();
    for (const f of draft.fields.values()) f.setError?.('');
  }

  function changed() {
    const dirty = draft.dirty();
    bar.show(dirty);
    ctx.setDirty(dirty);
    if (!dirty) clearErrors();
    preview.schedule();
  }

  function discard() {
    draft.reset();
    drawForm();
    changed();
  }

  async function save() {
    clearErrors();
    const changes = draft.changes();
    if (!Object.keys(changes).length) return;
    bar.button.disabled = true;
    try {
      const { data } = await patch('/sign-in-exp', changes);
      draft.reset(data);
      toast(t('sie.saved'));
      drawForm();
      changed();
    } catch (error) {
      const target = fieldFor(error, Object.fromEntries(draft.fields));
      if (target?.setError) {
        target.setError(errorText(error));
        target.input?.focus();
      } else bar.fail(errorText(error));
    } finally {
      bar.button.disabled = false;
    }
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
