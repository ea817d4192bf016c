// "Test connection": asks for a ten-minute test link (POST /api/sso-connectors/:id/test-sessions)
// and offers it to open in a new tab. The link runs the saved configuration's sign-in at the IdP
// and shows what the IdP sent; it creates no user and signs no one in.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { button, stackCard, busy } from '../../lib/ui.js';

export function testCard(connector) {
  const result = h('div', { class: 'stack', 'aria-live': 'polite' });
  const start = button(t('sso.test.start'), async () => {
    const path = `/sso-connectors/${encodeURIComponent(connector.id)}/test-sessions`;
    const made = await busy(start, () => post(path));
    if (!made?.data?.url) return;
    const expires = new Date(made.data.expiresAt).toLocaleTimeString();
    result.replaceChildren(
      h(
        'a',
        {
          href: made.data.url,
          target: '_blank',
          rel: 'noopener noreferrer',
          class: 'btn btn-primary',
          'data-testid': 'sso-test-link',
        },
        t('sso.test.open'),
      ),
      h('p', { class: 'muted' }, t('sso.test.expires', { time: expires })),
    );
  });
  return stackCard(
    t('sso.test.title'),
    h('p', { class: 'muted' }, t('sso.test.intro')),
    h('div', { class: 'row' }, start),
    result,
  );
}
