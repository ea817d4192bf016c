// The configuration form of a factory's formItems, for adding a connector and for editing one.
// `config` holds the current values (editing) or nothing (adding: the defaults). Secrets are
// password inputs; an edited secret shows ******** and sending that back keeps the stored one.
// Returns { el, values(), validate(), showError(error), onInput(fn), syncProfile }.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { fieldFor } from '../../lib/field_errors.js';
import { errorText } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';
import { configControl } from './config_inputs.js';

const empty = (value) => value === undefined || value === null || value === '';

export function configForm(formItems, config, { editing = false, syncProfile, factoryId } = {}) {
  const listeners = [];
  const changed = () => listeners.forEach((fn) => fn());
  const fields = new Map(); // item key → { item, wrap, read }
  for (const item of formItems ?? []) {
    const current = config && item.key in config ? config[item.key] : item.defaultValue;
    fields.set(item.key, {
      item,
      ...configControl(item, current, { factoryId, editing, changed }),
    });
  }
  // "Sync profile" when adding a social connector.
  let sync = null;
  if (syncProfile !== undefined) {
    sync = checkboxField(t('conn.sync_profile'), Boolean(syncProfile), changed, {
      hint: t('conn.sync_profile_hint'),
    });
    sync.querySelector('input').name = 'syncProfile';
  }
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const wraps = [...fields.values()].map((f) => f.wrap);
  const el = h('div', { class: 'stack config-form' }, wraps, sync, formError);

  function clear() {
    formError.hidden = true;
    for (const f of fields.values()) f.wrap.setError('');
  }

  // Marks empty required fields and bad JSON; true when the form can be sent.
  function validate() {
    clear();
    let first = null;
    for (const { item, wrap, read } of fields.values()) {
      let problem = '';
      try {
        const value = read(); // throws on bad JSON, required or not
        if (item.required && empty(value)) problem = t('ui.required');
      } catch {
        problem = t('conn.invalid_json');
      }
      if (!problem) continue;
      wrap.setError(problem);
      first ??= wrap.input;
    }
    first?.focus();
    return !first;
  }

  // The configuration to send. Adding leaves empty optional fields out (the defaults apply).
  function values() {
    const out = {};
    for (const [key, { item, read }] of fields) {
      const value = read();
      if (value === undefined) continue;
      if (!editing && value === '' && !item.required) continue;
      out[key] = value;
    }
    return out;
  }

  // An API error next to the field it concerns (config.<key>), else above the form.
  function showError(error) {
    clear();
    const byPath = Object.fromEntries([...fields].map(([key, f]) => [`config.${key}`, f]));
    const target = fieldFor(error, byPath);
    if (target && target.item.type !== 'boolean') {
      target.wrap.setError(errorText(error));
      target.wrap.input.focus();
    } else {
      formError.textContent = errorText(error);
      formError.hidden = false;
    }
  }

  return {
    el,
    validate,
    values,
    showError,
    onInput: (fn) => listeners.push(fn),
    get syncProfile() {
      return sync ? sync.querySelector('input').checked : undefined;
    },
  };
}
