// Custom JWT: the operator's getCustomJwtClaims scripts for user access tokens and for
// machine-to-machine tokens (GET /api/configs/jwt-customizer), one card each
// (custom_jwt/script_card.js), with a test run on sample data. docs/custom-claims.md.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { errorState, loading, pageHeader } from '../lib/ui.js';
import { scriptCard } from './custom_jwt/script_card.js';
import { TOKEN_TYPES } from './custom_jwt/samples.js';

const KEYS = { 'access-token': 'jwt.accessToken', 'client-credentials': 'jwt.clientCredentials' };

export default async function customJwtPage(view, ctx) {
  ctx.setTitle(t('jwt.page_title'));
  const body = h('div', { class: 'stack' }, loading());
  view.append(pageHeader(t('jwt.page_title'), { subtitle: t('jwt.page_subtitle') }), body);
  let stored;
  try {
    const { data } = await get('/configs/jwt-customizer');
    stored = Object.fromEntries((data ?? []).map(({ key, value }) => [key, value]));
  } catch (error) {
    replace(
      body,
      errorState(error, () => ctx.reload()),
    );
    return undefined;
  }
  replace(
    body,
    ...TOKEN_TYPES.map((type) => scriptCard(type, stored[KEYS[type]], ctx, () => ctx.reload())),
  );
  return undefined;
}
