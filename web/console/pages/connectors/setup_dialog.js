// "Add social connector": a modal that lists the factories, then a factory's setup step, its
// guide on the left and its configuration form on the right. The same step edits a configured
// connector ("Save changes": PATCH, secrets stay ********).
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch, post } from '../../lib/api.js';
import { button, modal, toast } from '../../lib/ui.js';
import { connectorGuide } from '../../guides/connectors.js';
import { configForm } from './config_form.js';
import { endpoint, kindOf, kindPath, localName } from './names.js';

// A monogram tile of a connector kind (no remote logos: the CSP allows data: images, but a
// letter is enough and always legible).
function monogram(name) {
  const letter = (name || '?').slice(0, 1).toUpperCase();
  return h('span', { class: 'connector-mono', 'aria-hidden': 'true' }, letter);
}

// The guide (when the factory has one) beside the form.
function columns(guide, form) {
  const guideSection = guide
    ? h(
        'section',
        { class: 'connector-setup-guide', 'aria-label': t('conn.setup.guide') },
        h('h3', {}, t('conn.setup.guide')),
        guide,
      )
    : null;
  const formSection = h(
    'section',
    { class: 'connector-setup-form', 'aria-label': t('conn.setup.config') },
    h('h3', {}, t('conn.setup.config')),
    form.el,
  );
  return h('div', { class: 'connector-setup-cols' }, guideSection, formSection);
}

// Sends the form: PATCH the `connector` being edited, or POST a new one of `factory`.
async function send(factory, connector, form) {
  const body = { connectorId: factory.id, config: form.values() };
  if (form.syncProfile !== undefined) body.syncProfile = form.syncProfile;
  const path = connector ? `/connectors/${encodeURIComponent(connector.id)}` : '/connectors';
  const { data } = connector ? await patch(path, { config: body.config }) : await post(path, body);
  return data;
}

// The setup step in modal `m`. `onSaved(connector)` replaces the default after saving (a toast
// and the new connector's page); `back` returns to the list.
export async function setupStep(m, factory, { navigate, back, connector, title, onSaved }) {
  const base = await endpoint();
  const name = localName(factory.name);
  m.root.querySelector('.modal-head h2').textContent = title ?? t('conn.setup.title', { name });
  const vars = { endpoint: base, callback: `${base}/callback/\${connector_id}` };
  const guide = connectorGuide(factory.id, vars, factory.readme);
  const form = configForm(factory.formItems, connector?.config ?? null, {
    editing: Boolean(connector),
    factoryId: factory.id,
    syncProfile: !connector && kindOf(factory) === 'Social' ? false : undefined,
  });
  const label = t(connector ? 'conn.save_changes' : 'conn.setup.save');
  const save = button(label, null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    if (!form.validate()) return;
    save.disabled = true;
    try {
      const data = await send(factory, connector, form);
      m.close();
      if (onSaved) {
        onSaved(data);
        return;
      }
      toast(t('conn.setup.created', { name }));
      navigate(`/console/connectors/${kindPath(data ?? factory)}/${encodeURIComponent(data.id)}`);
    } catch (error) {
      form.showError(error);
    } finally {
      save.disabled = false;
    }
  }
  const actions = h(
    'div',
    { class: 'row connector-setup-actions' },
    back ? button(t('conn.setup.back'), back) : null,
    h('span', { class: 'spacer' }),
    save,
  );
  const el = h(
    'form',
    { class: 'connector-setup', novalidate: true, onsubmit: submit },
    columns(guide, form),
    actions,
  );
  replace(m.body, el);
  el.querySelector('input,select,textarea')?.focus();
}

function factoryCard(factory, onclick) {
  const name = localName(factory.name);
  return h(
    'button',
    { type: 'button', class: 'framework-card', 'data-factory': factory.id, onclick },
    monogram(name),
    h(
      'span',
      {},
      h('span', { class: 'framework-name' }, name),
      h(
        'span',
        { class: 'framework-desc' },
        factory.isStandard ? factory.id : (factory.platform ?? ''),
      ),
    ),
  );
}

// Opens "Add social connector" (or the setup of one factory when `factory` is given).
export function openAddConnector({ factories, navigate, factory, title = t('conn.pick.title') }) {
  const m = modal({ title, content: [], wide: true });
  const showList = () => {
    m.root.querySelector('.modal-head h2').textContent = title;
    const pick = (f) => () => setupStep(m, f, { navigate, back: showList });
    replace(
      m.body,
      h('p', { class: 'muted' }, t('conn.pick.subtitle')),
      factories.length
        ? h(
            'div',
            { class: 'framework-grid' },
            factories.map((f) => factoryCard(f, pick(f))),
          )
        : h('p', {}, t('conn.pick.empty')),
    );
    m.body.querySelector('button')?.focus();
  };
  if (factory) setupStep(m, factory, { navigate, back: factories.length > 1 ? showList : null });
  else showList();
  return m;
}
