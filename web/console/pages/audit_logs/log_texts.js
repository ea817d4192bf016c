// What the audit log pages call events and results.
import { known, t } from '../../lib/i18n.js';
import { badge } from '../../lib/ui.js';

// The events the filter offers (any other key still shows, by itself).
export const LOG_KEYS = [
  'Interaction.SignIn.Submit',
  'Interaction.Register.Submit',
  'Interaction.ForgotPassword.Submit',
  'Interaction.SignIn.Verification.Password',
  'Interaction.Verification.VerificationCode',
  'Interaction.SignIn.Verification.Social',
  'Interaction.SignIn.Verification.Totp',
  'Interaction.SignIn.Verification.WebAuthn',
  'Interaction.SignIn.Verification.BackupCode',
  'ExchangeTokenBy.AuthorizationCode',
  'ExchangeTokenBy.RefreshToken',
  'ExchangeTokenBy.ClientCredentials',
  'ExchangeTokenBy.DeviceCode',
  'ExchangeTokenBy.TokenExchange',
  'Management.GET',
  'Management.POST',
  'Management.PATCH',
  'Management.PUT',
  'Management.DELETE',
];

// The label of a log key (the key itself when it is not one we know).
export function eventLabel(key) {
  return known(`log.key.${key}`) ? t(`log.key.${key}`) : key;
}

export function resultBadge(result) {
  if (result === 'Success') return badge(t('logs.success'), 'ok');
  if (result === 'Error') return badge(t('logs.error'), 'danger');
  return result ? badge(String(result)) : '';
}
