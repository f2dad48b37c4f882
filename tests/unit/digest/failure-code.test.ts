import { describe, expect, it } from 'vitest';
import { failureCode } from '../../../src/digest/scheduler.js';

describe('the failure reason a digest ledger keeps', () => {
  it('is the platform’s error code, through wrappers, and never a message', () => {
    const slack = Object.assign(new Error('An API error occurred: not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel' },
    });
    expect(failureCode(slack)).toBe('not_in_channel');
    expect(failureCode(new Error('wrapped', { cause: slack }))).toBe('not_in_channel');
    expect(
      failureCode(
        Object.assign(new Error('fetch failed http://10.0.0.5:8080/x'), {
          code: 'slack_webapi_request_error',
        }),
      ),
    ).toBe('slack_webapi_request_error');
    expect(failureCode(Object.assign(new Error('Missing Access'), { code: 50001 }))).toBe('50001');
    expect(failureCode(new Error('connect ECONNREFUSED 10.0.0.5:443'))).toBe('error');
    expect(failureCode(Object.assign(new Error('x'), { code: 'has spaces and <markup>' }))).toBe('error');
  });
});
