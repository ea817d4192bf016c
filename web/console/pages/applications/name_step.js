// The second step of "Create application": the chosen framework and type, the application's
// name and description. Creating it opens its guide page with the congratulation (a SAML app,
// made with POST /api/saml-applications, opens its own page).
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, showSaveError, textInput, toast } from '../../lib/ui.js';
import { radioGroup } from '../../components/controls.js';
import { frameworks } from '../../guides/frameworks.js';
import { appHref, guideHref, typeLabel } from './app_kinds.js';
import { rememberCreated, rememberFramework } from './framework_memory.js';

function nameFields() {
  const nameInput = textInput({
    name: 'name',
    placeholder: t('create.name_placeholder'),
    autofocus: true,
    maxlength: '256',
  });
  const text = h('textarea', { class: 'input', name: 'description', rows: '2' });
  return {
    name: field(t('create.name'), nameInput, { required: true }),
    description: field(t('create.description'), text),
  };
}

function chosen(framework) {
  return h(
    'dl',
    { class: 'kv' },
    h('dt', {}, t('create.framework')),
    h('dd', {}, framework.name),
    h('dt', {}, t('create.type')),
    h('dd', {}, typeLabel(framework.type)),
  );
}

// A Native app's authorization flow (Logto's AuthorizationFlowSelector): the authorization code
// flow, or the device authorization grant (customClientMetadata.isDeviceFlow), preselected by the
// device-flow card. `flow.device()` tells which is chosen.
function flowChoice(framework) {
  if (framework.type !== 'Native') return null;
  let chosen = framework.deviceFlow ? 'device' : 'code';
  const group = radioGroup(
    t('create.flow'),
    [
      { value: 'code', label: t('create.flow.code'), hint: t('create.flow.code_hint') },
      { value: 'device', label: t('create.flow.device'), hint: t('create.flow.device_hint') },
    ],
    chosen,
    (value) => {
      chosen = value;
    },
  );
  group.device = () => chosen === 'device';
  return group;
}

// The guide an app created with `framework` opens on: the device-flow guide for a device-flow
// app, the framework's own otherwise (a Native framework's, when the device-flow card was picked
// but the code flow chosen).
function guideFramework(framework, device) {
  if (device) return 'device-flow';
  if (!framework.deviceFlow) return framework.id;
  return frameworks.find((f) => f.type === 'Native' && !f.deviceFlow)?.id ?? framework.id;
}

// Draws the step in modal `m`; Back calls `showList`.
export function nameStep(m, framework, navigate, showList) {
  const { name, description } = nameFields();
  const flow = flowChoice(framework);
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('create.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    name.setError('');
    formError.hidden = true;
    const value = name.input.value.trim();
    if (!value) {
      name.setError(t('ui.required'));
      name.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const saml = framework.type === 'SAML';
      const body = saml ? { name: value } : { name: value, type: framework.type };
      const text = description.input.value.trim();
      if (text) body.description = text;
      const device = Boolean(flow?.device());
      if (device) body.customClientMetadata = { isDeviceFlow: true };
      // A SAML app is made by its own route (Logto's), and opens on its settings: no guide.
      const { data } = await post(saml ? '/saml-applications' : '/applications', body);
      m.close();
      toast(t('create.created', { name: data.name }));
      if (saml) {
        navigate(appHref(data.id));
        return;
      }
      const guide = guideFramework(framework, device);
      rememberFramework(data.id, guide);
      rememberCreated(data.id);
      navigate(guideHref(data.id, guide));
    } catch (error) {
      showSaveError(error, fieldFor(error, { name }), formError, { focus: false });
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    chosen(framework),
    name,
    description,
    flow,
    formError,
    h(
      'div',
      { class: 'row' },
      button(t('create.back'), showList),
      h('span', { class: 'spacer' }),
      submit,
    ),
  );
  replace(m.body, form);
  name.input.focus();
}
