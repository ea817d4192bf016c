// The Branding tab: app name, brand colours (and dark mode), logos, favicon and custom CSS.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { card, field } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';
import { colorField, textField, urlField } from './inputs.js';

function customCss(draft) {
  const area = h('textarea', {
    class: 'input mono',
    rows: '6',
    spellcheck: 'false',
    oninput: (e) => draft.set('customCss', e.target.value),
  });
  area.value = draft.value.customCss ?? '';
  return draft.field(
    'customCss',
    field(t('sie.custom_css'), area, { hint: t('sie.custom_css_hint') }),
  );
}

export function brandingTab(draft) {
  const dark = Boolean(draft.value.color?.isDarkModeEnabled);
  const toggleDark = (on) => draft.merge('color', { isDarkModeEnabled: on }, { redraw: true });
  return card(
    t('sie.brand'),
    h(
      'div',
      { class: 'stack' },
      textField(draft, 'branding.appName', t('sie.app_name')),
      colorField(draft, 'color.primaryColor', t('sie.brand_color')),
      checkboxField(t('sie.dark_enabled'), dark, toggleDark),
      dark ? colorField(draft, 'color.darkPrimaryColor', t('sie.dark_color')) : null,
      urlField(draft, 'branding.logoUrl', t('sie.logo')),
      dark ? urlField(draft, 'branding.darkLogoUrl', t('sie.dark_logo')) : null,
      urlField(draft, 'branding.favicon', t('sie.favicon')),
      customCss(draft),
    ),
  );
}
