// The events a webhook can be sent, as the console offers them: the ones Latch raises, in
// Logto's groups (docs/webhooks.md). An event a hook already has that is not offered (set
// through the API) still shows, checked, so saving keeps it.
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';

export const EVENT_GROUPS = [
  ['interaction', ['PostRegister', 'PostSignIn', 'PostResetPassword']],
  ['user', ['User.Created', 'User.Data.Updated', 'User.SuspensionStatus.Updated', 'User.Deleted']],
  ['role', ['Role.Created', 'Role.Data.Updated', 'Role.Scopes.Updated', 'Role.Deleted']],
  [
    'organization',
    [
      'Organization.Created',
      'Organization.Data.Updated',
      'Organization.Membership.Updated',
      'Organization.Deleted',
    ],
  ],
  ['scope', ['Scope.Created', 'Scope.Data.Updated', 'Scope.Deleted']],
  [
    'organization_template',
    [
      'OrganizationRole.Created',
      'OrganizationRole.Data.Updated',
      'OrganizationRole.Scopes.Updated',
      'OrganizationRole.Deleted',
      'OrganizationScope.Created',
      'OrganizationScope.Data.Updated',
      'OrganizationScope.Deleted',
    ],
  ],
];

// Checkboxes by group under a legend, `selected` checked. Returns the fieldset with
// selected() (the checked events, in order) and setError(message).
export function eventPicker(selected = []) {
  const offered = EVENT_GROUPS.flatMap(([, events]) => events);
  const extra = selected.filter((e) => !offered.includes(e));
  const box = (event) => {
    const id = uid('event');
    return h(
      'label',
      { class: 'check', for: id },
      h('input', {
        type: 'checkbox',
        id,
        value: event,
        checked: selected.includes(event),
        'data-event': event,
      }),
      h('code', { class: 'mono' }, event),
    );
  };
  const group = (key, events) =>
    h('div', { class: 'event-group' }, h('h3', {}, t(`webhooks.group.${key}`)), events.map(box));
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const picker = h(
    'fieldset',
    { class: 'event-picker' },
    h('legend', {}, t('webhooks.events')),
    h('p', { class: 'hint' }, t('webhooks.events_hint')),
    EVENT_GROUPS.map(([key, events]) => group(key, events)),
    extra.length ? group('other', extra) : null,
    error,
  );
  picker.selected = () =>
    [...picker.querySelectorAll('input[type=checkbox]')]
      .filter((c) => c.checked)
      .map((c) => c.value);
  picker.setError = (message) => {
    error.textContent = message ?? '';
    error.hidden = !message;
  };
  return picker;
}
