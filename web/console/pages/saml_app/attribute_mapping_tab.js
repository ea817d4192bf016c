// A SAML application's "Attribute mappings" tab, as Logto's: rows of a user claim and the name
// of the SAML attribute that carries it to the application; "Add another"; one Save sends
// PATCH /api/saml-applications/:id {attributeMapping}. A claim is offered once.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { button, stackCard, showSaveError, table, textInput, toast } from '../../lib/ui.js';
import { selectInput } from '../../components/controls.js';
import { USER_CLAIMS, samlPath } from './saml_kinds.js';

export async function attributeMappingTab(state, ctx) {
  const rows = Object.entries(state.saml.attributeMapping ?? {}).map(([claim, name]) => ({
    claim,
    name,
  }));
  if (!rows.length) rows.push({ claim: '', name: '' });
  const area = h('div');
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const dirty = () => ctx.setDirty(true);

  function draw(focusLast = false) {
    const used = new Set(rows.map((r) => r.claim).filter(Boolean));
    const columns = [
      {
        label: t('samlapp.map.col_claim'),
        render: (row) => {
          const options = [{ value: '', label: t('samlapp.map.pick') }].concat(
            USER_CLAIMS.filter((c) => c === row.claim || !used.has(c)).map((c) => ({
              value: c,
              label: c,
            })),
          );
          const n = rows.indexOf(row) + 1;
          return selectInput(
            options,
            row.claim,
            (v) => {
              row.claim = v;
              dirty();
              draw();
            },
            { 'aria-label': t('samlapp.map.claim_n', { n }) },
          );
        },
      },
      {
        label: t('samlapp.map.col_attribute'),
        render: (row) =>
          textInput({
            value: row.name,
            'aria-label': t('samlapp.map.attribute_n', { n: rows.indexOf(row) + 1 }),
            oninput: (e) => {
              row.name = e.target.value;
              dirty();
            },
          }),
      },
      {
        label: '',
        render: (row) =>
          button(
            t('ui.remove'),
            () => {
              rows.splice(rows.indexOf(row), 1);
              dirty();
              draw();
            },
            { kind: 'text', 'aria-label': t('samlapp.map.remove_n', { n: rows.indexOf(row) + 1 }) },
          ),
      },
    ];
    replace(area, table(columns, rows, { caption: t('samlapp.map.title') }));
    if (focusLast) area.querySelector('tbody tr:last-child select')?.focus();
  }

  const add = button(
    `+ ${t('samlapp.map.add')}`,
    () => {
      rows.push({ claim: '', name: '' });
      draw(true);
    },
    { kind: 'text' },
  );
  const save = button(t('samlapp.save'), null, { kind: 'primary', type: 'submit' });

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    const attributeMapping = {};
    for (const row of rows) {
      const name = row.name.trim();
      if (row.claim && name) attributeMapping[row.claim] = name;
    }
    save.disabled = true;
    try {
      ({ data: state.saml } = await patch(samlPath(state.saml.id), { attributeMapping }));
      ctx.setDirty(false);
      toast(t('samlapp.saved'));
    } catch (error) {
      showSaveError(error, null, formError);
    } finally {
      save.disabled = false;
    }
  }

  draw();
  return h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit },
    stackCard(
      t('samlapp.map.title'),
      h('p', { class: 'muted' }, t('samlapp.map.intro')),
      area,
      add,
    ),
    formError,
    h('div', { class: 'row' }, save),
  );
}
