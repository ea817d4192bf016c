// Whether the sign-in page shows a social connector ("Continue with …"), with a button that adds
// it to or removes it from the sign-in experience. `page.experience` is the sign-in experience
// (null when it could not be read: then only the link to its page is offered).
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { badge, button, errorText, link, toast } from '../../lib/ui.js';
import { localName } from './names.js';

export function usageCard(connector, page) {
  const card = h('section', { class: 'card', 'aria-label': t('cdet.usage') });

  async function toggle(btn, targets, inUse) {
    btn.disabled = true;
    try {
      const next = inUse
        ? targets.filter((x) => x !== connector.target)
        : [...targets, connector.target];
      const { data } = await patch('/sign-in-exp', { socialSignInConnectorTargets: next });
      page.experience = data;
      toast(inUse ? t('cdet.removed_from_sie') : t('cdet.added_to_sie'));
      draw();
      card.querySelector('button')?.focus();
    } catch (error) {
      toast(errorText(error), 'error');
      btn.disabled = false;
    }
  }

  function draw() {
    const targets = page.experience?.socialSignInConnectorTargets ?? [];
    const inUse = targets.includes(connector.target);
    const label = connector.config?.displayName || localName(connector.name);
    const text = inUse ? t('cdet.remove_from_sie') : t('cdet.add_to_sie');
    const action = button(text, () => toggle(action, targets, inUse), {
      kind: inUse ? 'secondary' : 'primary',
    });
    replace(
      card,
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
        page.experience ? action : null,
        link(t('cdet.sie_link'), '/console/sign-in-experience/sign-up-and-sign-in'),
      ),
    );
  }

  draw();
  return card;
}
