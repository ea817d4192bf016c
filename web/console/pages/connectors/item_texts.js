// The label, hint and option names of a factory's form item: the console's own translation for
// the email and SMS factories (conn.f.smtp.*, conn.f.sms.*), else what the factory says.
import { known, t } from '../../lib/i18n.js';

const PREFIX = { 'simple-mail-transfer-protocol': 'conn.f.smtp', 'http-sms': 'conn.f.sms' };

function own(factoryId, suffix) {
  const key = PREFIX[factoryId] && `${PREFIX[factoryId]}.${suffix}`;
  return key && known(key) ? t(key) : null;
}

export function itemLabel(factoryId, item) {
  return own(factoryId, item.key) || item.label || item.key;
}

export function itemHint(factoryId, item) {
  return own(factoryId, `${item.key}.hint`) || item.description || '';
}

export function optionLabel(factoryId, item, value) {
  return own(factoryId, `${item.key}.${value}`) || value;
}
