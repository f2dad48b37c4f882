import type { types } from '@slack/bolt';
import { briefLengths, type BriefLength, type WorkspaceSettings } from '../../../src/store/store.js';
import { ARTICLE_LANGUAGE, type ServerBriefDefaults } from '../../../src/workspace-settings.js';
import { ENGINE_LABELS, LANGUAGES, LENGTH_LABELS, languageLabel } from './labels.js';

/** The "Edit defaults" modal (views.open) and the reading of its submission. */
export const DEFAULTS_VIEW = 'workspace_defaults';
const DEFAULT = 'default';
const ENGINES = ['auto', 'extractive', 'llm'] as const;

type Option = types.PlainTextOption;
const option = (value: string, text: string): Option => ({
  value,
  text: { type: 'plain_text', text: text.slice(0, 75), emoji: false },
});

function select(blockId: string, label: string, options: Option[], current: string): types.InputBlock {
  const initial = options.find((o) => o.value === current) ?? options[0]!;
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: { type: 'static_select', action_id: 'value', options, initial_option: initial },
  };
}

export function renderDefaultsModal(
  settings: WorkspaceSettings | null,
  server: ServerBriefDefaults,
  teamId: string,
): types.ModalView {
  const engines = ENGINES.filter((e) => e !== 'llm' || server.llmConfigured || settings?.engine === 'llm');
  const languages = [ARTICLE_LANGUAGE, ...LANGUAGES];
  if (settings?.language && !languages.includes(settings.language)) languages.push(settings.language);
  return {
    type: 'modal',
    callback_id: DEFAULTS_VIEW,
    // Which workspace the modal was opened for: checked again against the submitter's own team.
    private_metadata: teamId,
    title: { type: 'plain_text', text: 'Workspace defaults' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'For every brief and digest in this workspace. "Server default" follows the server’s settings.',
            verbatim: true,
          },
        ],
      },
      select(
        'engine',
        'Engine',
        [
          option(DEFAULT, `Server default: ${ENGINE_LABELS[server.engine]}`),
          ...engines.map((e) => option(e, ENGINE_LABELS[e])),
        ],
        settings?.engine ?? DEFAULT,
      ),
      select(
        'language',
        'Summary language (LLM briefs)',
        [
          option(DEFAULT, `Server default: ${languageLabel(server.language)}`),
          ...languages.map((l) => option(l, languageLabel(l))),
        ],
        settings?.language ?? DEFAULT,
      ),
      select(
        'length',
        'Brief length',
        [
          option(DEFAULT, `Server default: ${LENGTH_LABELS.standard}`),
          ...briefLengths.map((l) => option(l, LENGTH_LABELS[l])),
        ],
        settings?.length ?? DEFAULT,
      ),
    ],
  };
}

/** The submitted choices as settings; null for a value the modal never offered (a forged submission). */
export function readDefaults(
  values: Record<string, Record<string, { selected_option?: { value?: string } | null }>>,
  server: ServerBriefDefaults,
): Pick<WorkspaceSettings, 'engine' | 'language' | 'length'> | null {
  const pick = (block: string) => values[block]?.['value']?.selected_option?.value ?? DEFAULT;
  const engine = pick('engine');
  const language = pick('language');
  const length = pick('length');
  const engineOk = engine === DEFAULT || (ENGINES as readonly string[]).includes(engine);
  const languageOk =
    language === DEFAULT ||
    language === ARTICLE_LANGUAGE ||
    /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(language);
  const lengthOk = length === DEFAULT || (briefLengths as readonly string[]).includes(length);
  if (!engineOk || !languageOk || !lengthOk) return null;
  if (engine === 'llm' && !server.llmConfigured) return null;
  return {
    engine: engine === DEFAULT ? null : (engine as WorkspaceSettings['engine']),
    language: language === DEFAULT ? null : language,
    length: length === DEFAULT ? null : (length as BriefLength),
  };
}
