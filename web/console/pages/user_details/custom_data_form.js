// The Custom data card's form: the user's customData as a JSON object, checked before it is
// sent with PATCH /api/users/:id/custom-data.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { button, errorText, field, toast } from '../../lib/ui.js';
import { parseObject } from '../../components/custom_data_field.js';

// The parser lives with the field (organizations and apps use it too).
export { parseObject } from '../../components/custom_data_field.js';

export function customDataForm(state) {
  const input = h('textarea', {
    class: 'input mono',
    name: 'customData',
    rows: '8',
    spellcheck: 'false',
  });
  input.value = JSON.stringify(state.user.customData ?? {}, null, 2);
  const wrap = field(t('user.custom_data_label'), input, { hint: t('user.custom_data_hint') });
  const save = button(t('user.save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    wrap.setError('');
    const { value, problem } = parseObject(input);
    if (problem) {
      wrap.setError(problem);
      input.focus();
      return;
    }
    save.disabled = true;
    try {
      const path = `/users/${encodeURIComponent(state.user.id)}/custom-data`;
      const { data } = await patch(path, { customData: value });
      state.user.customData = data ?? value;
      input.value = JSON.stringify(state.user.customData, null, 2);
      toast(t('user.custom_data_saved'));
    } catch (error) {
      wrap.setError(errorText(error));
    } finally {
      save.disabled = false;
    }
  }
  return h(
    'form',
    { class: 'stack', novalidate: true, oninput: () => wrap.setError(''), onsubmit: submit },
    wrap,
    h('div', { class: 'row' }, save),
  );
}
