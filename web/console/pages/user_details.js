// One user: profile (save changes), custom data (a JSON object), linked social identities,
// password reset, suspension and deletion, and a link to the user's audit log entries. The
// parts live in user_details/ and share `state.user`, the user as the API last returned it.
import { t } from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { card, emptyState, link, pageHeader } from '../lib/ui.js';
import { customDataForm } from './user_details/custom_data_form.js';
import { deleteUserZone } from './user_details/danger_zone.js';
import { userHeader } from './user_details/header.js';
import { identitiesCard } from './user_details/identities_card.js';
import { profileForm } from './user_details/profile_form.js';

function notFound() {
  const back = link(t('user.back'), '/console/users');
  return [
    pageHeader(t('user.back'), { back: { label: t('user.back'), href: '/console/users' } }),
    emptyState({ title: t('user.not_found'), action: back }),
  ];
}

export default async function userDetails(view, ctx) {
  const state = { user: null };
  try {
    ({ data: state.user } = await get(`/users/${encodeURIComponent(ctx.params.id)}`));
  } catch (error) {
    if (error.status !== 404) throw error;
    view.append(...notFound());
    return undefined;
  }
  const header = userHeader(state, ctx);
  header.draw();
  view.append(
    ...header.el,
    card(t('user.profile'), profileForm(state, ctx, { onSaved: header.draw })),
    card(t('user.custom_data'), customDataForm(state)),
    identitiesCard(state),
    deleteUserZone(state, ctx),
  );
  return () => ctx.setDirty(false);
}
