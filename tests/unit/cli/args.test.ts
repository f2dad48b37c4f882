import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/cli/args.js';
import { BriefError } from '../../../src/errors.js';

describe('brief command line', () => {
  it.each([
    [
      ['https://example.com/a'],
      { kind: 'brief', target: 'https://example.com/a', format: 'text', engine: undefined, force: false },
    ],
    [
      ['-f', 'json', '--engine', 'extractive', 'a.txt'],
      { kind: 'brief', target: 'a.txt', format: 'json', engine: 'extractive', force: false },
    ],
    [['-'], { kind: 'brief', target: '-', format: 'text', engine: undefined, force: false }],
    [
      ['--force', 'https://example.com/a'],
      { kind: 'brief', target: 'https://example.com/a', format: 'text', engine: undefined, force: true },
    ],
    [
      ['--text', 'Pasted.'],
      { kind: 'text', text: 'Pasted.', format: 'text', engine: undefined, force: false },
    ],
    [['--jsonl', 'in.jsonl', '--force'], { kind: 'batch', file: 'in.jsonl', engine: undefined, force: true }],
    [['--help'], { kind: 'help' }],
    [['-v'], { kind: 'version' }],
    [['-V'], { kind: 'version' }],
    [['--text=-V'], { kind: 'text', text: '-V', format: 'text', engine: undefined, force: false }],
  ])('%j', (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it.each([
    [[], /Give a URL/],
    [['a', 'b'], /one input/],
    [['--format', 'yaml', 'a'], /--format must be one of text, markdown, json/],
    [['--engine', 'gpt', 'a'], /--engine must be one of/],
    [['--nope', 'a'], /Unknown option/],
  ])('refuses %j as a usage error', (argv, message) => {
    let caught: unknown;
    try {
      parseCommand(argv);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BriefError);
    expect((caught as BriefError).code).toBe('usage');
    expect((caught as BriefError).userMessage).toMatch(message);
  });
});
