import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/cli/args.js';
import { BriefError } from '../../../src/errors.js';

describe('brief command line', () => {
  it.each([
    [
      ['https://example.com/a'],
      { kind: 'brief', target: 'https://example.com/a', format: 'text', engine: undefined },
    ],
    [
      ['-f', 'json', '--engine', 'extractive', 'a.txt'],
      { kind: 'brief', target: 'a.txt', format: 'json', engine: 'extractive' },
    ],
    [['-'], { kind: 'brief', target: '-', format: 'text', engine: undefined }],
    [['--text', 'Pasted.'], { kind: 'text', text: 'Pasted.', format: 'text', engine: undefined }],
    [['--jsonl', 'in.jsonl'], { kind: 'batch', file: 'in.jsonl', engine: undefined }],
    [['--help'], { kind: 'help' }],
    [['-v'], { kind: 'version' }],
    [['-V'], { kind: 'version' }],
    [['--text=-V'], { kind: 'text', text: '-V', format: 'text', engine: undefined }],
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
