import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { inputsOfMessage } from '../../../../adapters/discord/commands/brief-message.js';
import { inputFromOptions } from '../../../../adapters/discord/commands/brief.js';
import { commands } from '../../../../adapters/discord/commands/index.js';
import { commandDefinitions } from '../../../../adapters/discord/deploy-commands.js';

describe('/brief options, checked before the defer', () => {
  it.each([
    ['https://news.example/a', null, { kind: 'url', url: 'https://news.example/a' }],
    ['  news.example/story?id=1 ', null, { kind: 'url', url: 'https://news.example/story?id=1' }],
    [
      null,
      'The council met on Monday. It voted.',
      { kind: 'text', text: 'The council met on Monday. It voted.' },
    ],
    [null, ' https://news.example/lone ', { kind: 'url', url: 'https://news.example/lone' }],
    // A link with a few words around it is the link (src/message-input.ts, as on every surface).
    [null, 'Read https://news.example/a today', { kind: 'url', url: 'https://news.example/a' }],
  ])('url=%j text=%j gives %j', (url, text, input) => {
    expect(inputFromOptions(url, text)).toEqual({ inputs: [input] });
  });

  it('briefs an article pasted into text: as text, its links neither fetched nor briefed', () => {
    const article =
      'The Harbor Bridge reopened to traffic on Monday after eight months of repairs, the city said. ' +
      'The work cost $42 million (https://council.example/budget), two million less than planned. ' +
      'About 60,000 vehicles cross the bridge every day, and cyclists now get a lane of their own.';
    expect(inputFromOptions(null, article)).toEqual({
      inputs: [{ kind: 'text', text: article.replace(' (https://council.example/budget)', '') }],
    });
  });

  it.each([
    [null, null, /something to brief/],
    ['  ', '', /something to brief/],
    ['https://a.example', 'text', /not both/],
    ['ftp://files.example/a', null, /web address/],
    ['javascript:alert(1)', null, /web address/],
    ['http://', null, /web address/],
  ])('url=%j text=%j is refused with a hint', (url, text, hint) => {
    const result = inputFromOptions(url, text);
    expect('problem' in result && result.problem).toMatch(hint);
  });
});

describe('Brief this message', () => {
  it('briefs the links of a message, at most three', () => {
    const content = 'a https://a.example/1 b https://b.example/2 c https://c.example/3 d https://d.example/4';
    expect(inputsOfMessage({ content, embeds: [] }).map((i) => i.kind === 'url' && i.url)).toEqual([
      'https://a.example/1',
      'https://b.example/2',
      'https://c.example/3',
    ]);
  });

  it('briefs the text when there is no link, and an embed link when there is no text', () => {
    expect(inputsOfMessage({ content: 'Council approves bridge.', embeds: [] })).toEqual([
      { kind: 'text', text: 'Council approves bridge.' },
    ]);
    const embeds = [{ url: 'https://news.example/embedded' }] as Parameters<
      typeof inputsOfMessage
    >[0]['embeds'];
    expect(inputsOfMessage({ content: '', embeds })).toEqual([
      { kind: 'url', url: 'https://news.example/embedded' },
    ]);
    expect(inputsOfMessage({ content: '  ', embeds: [] })).toEqual([]);
  });
});

describe('command definitions', () => {
  it('registers exactly the commands the bot routes', () => {
    const defs = commandDefinitions();
    expect(defs.map((d) => d.name)).toEqual(commands.map((c) => c.data.name));
    const [brief, message] = defs;
    expect(brief).toMatchObject({
      name: 'brief',
      type: ApplicationCommandType.ChatInput,
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    });
    expect(brief && 'options' in brief ? brief.options : []).toEqual([
      expect.objectContaining({
        name: 'url',
        type: ApplicationCommandOptionType.String,
        required: false,
        max_length: 2000,
      }),
      expect.objectContaining({
        name: 'text',
        type: ApplicationCommandOptionType.String,
        required: false,
        max_length: 6000,
      }),
      expect.objectContaining({
        name: 'length',
        type: ApplicationCommandOptionType.String,
        required: false,
      }),
    ]);
    const length = brief && 'options' in brief ? brief.options?.find((o) => o.name === 'length') : undefined;
    const choices = length && 'choices' in length ? (length.choices ?? []) : [];
    expect(choices.map((c) => c.value)).toEqual(['short', 'standard', 'detailed']);
    for (const c of choices) expect(c.name.startsWith(String(c.value))).toBe(true);
    expect(message).toMatchObject({ name: 'Brief this message', type: ApplicationCommandType.Message });
  });
});

describe('/digest definition', () => {
  const digest = commandDefinitions().find((d) => d.name === 'digest');

  it('is registered, for server channels only, for members who may manage channels by default', () => {
    expect(digest).toMatchObject({
      type: ApplicationCommandType.ChatInput,
      contexts: [InteractionContextType.Guild],
      default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
    });
  });

  it('has add (feed required, time and timezone optional), list, remove (id required) and now', () => {
    const options = digest && 'options' in digest ? (digest.options ?? []) : [];
    const subs = Object.fromEntries(
      options.map((o) => [
        o.name,
        o.type === ApplicationCommandOptionType.Subcommand ? (o.options ?? []) : null,
      ]),
    );
    expect(Object.keys(subs)).toEqual(['add', 'list', 'remove', 'now']);
    expect(subs['add']!.map((o) => [o.name, o.type, o.required])).toEqual([
      ['feed', ApplicationCommandOptionType.String, true],
      ['time', ApplicationCommandOptionType.String, false],
      ['timezone', ApplicationCommandOptionType.String, false],
    ]);
    expect(subs['remove']).toEqual([
      expect.objectContaining({
        name: 'id',
        type: ApplicationCommandOptionType.Integer,
        required: true,
        min_value: 1,
      }),
    ]);
    expect(subs['list']).toEqual([]);
    expect(subs['now']).toEqual([]);
  });
});
